using AgentGate.Gateway.Config;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>Builds the policy input of DESIGN.md: agent, session, action, time.</summary>
internal static class PolicyInput
{
    private static readonly StringValue AgentKey = StringValue.From("agent");
    private static readonly StringValue SessionKey = StringValue.From("session");
    private static readonly StringValue ActionKey = StringValue.From("action");
    private static readonly StringValue TimeKey = StringValue.From("time");

    public static ObjectValue Build(CallIdentity who, ObjectValue action, DateTimeOffset now) => ObjectValue.From(
    [
        new(AgentKey, Object(
            ("id", Str(who.Agent.Id)),
            ("role", Str(who.Agent.Role)),
            ("lane", Str(who.Agent.Lane)),
            ("owner", Str(who.Agent.Owner)))),
        new(SessionKey, Object(
            ("id", Str(who.Session)),
            ("task", who.Task is null ? NullValue.Instance : Str(who.Task)),
            ("sandbox", who.Sandbox is null ? NullValue.Instance : Str(who.Sandbox)))),
        new(ActionKey, action),
        new(TimeKey, Str(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture))),
    ]);

    public static ObjectValue Object(params (string Key, Value Value)[] pairs)
    {
        var list = new KeyValuePair<Value, Value>[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            list[i] = new(StringValue.From(pairs[i].Key), pairs[i].Value);
        }

        return ObjectValue.From(list);
    }

    public static Value Str(string? text) => text is null ? NullValue.Instance : StringValue.From(text);

    public static Value Strings(IEnumerable<string> items) => ArrayValue.From(items.Select(StringValue.From));
}
