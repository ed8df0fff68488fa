using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AgentGate.Gateway.Config;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>Builds the policy input of DESIGN.md: agent, session, action, time.</summary>
internal static class PolicyInput
{
    private static readonly StringValue AgentKey = StringValue.From("agent");
    private static readonly StringValue SessionKey = StringValue.From("session");
    private static readonly StringValue ActionKey = StringValue.From("action");

    /// <summary>The input's <c>time</c> key: the one part that changes every second.</summary>
    public static readonly StringValue TimeKey = StringValue.From("time");

    private static readonly StringValue IdKey = StringValue.From("id");
    private static readonly StringValue TaskKey = StringValue.From("task");
    private static readonly StringValue SandboxKey = StringValue.From("sandbox");

    // An agent's part of the input only changes with its configuration: built once per AgentConfig instance.
    private static readonly ConditionalWeakTable<AgentConfig, ObjectValue> Agents = new();
    // A session's part only changes with its token, task and sandbox: built once per combination (bounded).
    private static readonly ConcurrentDictionary<(string Session, string? Task, string? Sandbox), ObjectValue> Sessions = new();
    private const int MaxSessions = 4096;
    private static TimeText _time = new(long.MinValue, StringValue.Empty);

    public static ObjectValue Build(CallIdentity who, ObjectValue action, DateTimeOffset now) => ObjectValue.From(
    [
        new(AgentKey, Agents.GetValue(who.Agent, AgentObject)),
        new(SessionKey, Session(who)),
        new(ActionKey, action),
        new(TimeKey, Time(now)),
    ]);

    /// <summary>The input without its time (see <see cref="PolicyEngine.Decide(ObjectValue, StringValue, Value, CancellationToken)"/>).</summary>
    public static ObjectValue Untimed(CallIdentity who, ObjectValue action) => ObjectValue.From(
    [
        new(AgentKey, Agents.GetValue(who.Agent, AgentObject)),
        new(SessionKey, Session(who)),
        new(ActionKey, action),
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

    private static ObjectValue Session(CallIdentity who)
    {
        var key = (who.Session, who.Task, who.Sandbox);
        if (Sessions.TryGetValue(key, out var known))
        {
            return known;
        }

        var session = ObjectValue.From(
        [
            new(IdKey, Str(who.Session)),
            new(TaskKey, Str(who.Task)),
            new(SandboxKey, Str(who.Sandbox)),
        ]);
        if (Sessions.Count >= MaxSessions)
        {
            Sessions.Clear();
        }

        Sessions.TryAdd(key, session);
        return session;
    }

    private static ObjectValue AgentObject(AgentConfig agent) => Object(
        ("id", Str(agent.Id)),
        ("role", Str(agent.Role)),
        ("lane", Str(agent.Lane)),
        ("owner", Str(agent.Owner)));

    /// <summary>The input's time (whole seconds, UTC), formatted once per second.</summary>
    public static StringValue Time(DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        var cached = Volatile.Read(ref _time);
        if (cached.Second == second)
        {
            return cached.Text;
        }

        var text = StringValue.From(now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        Volatile.Write(ref _time, new TimeText(second, text));
        return text;
    }

    public static Value Str(string? text) => text is null ? NullValue.Instance : StringValue.From(text);

    public static Value Strings(IEnumerable<string> items) => ArrayValue.From(items.Select(StringValue.From));

    private sealed record TimeText(long Second, StringValue Text);
}
