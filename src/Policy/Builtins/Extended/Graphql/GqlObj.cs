using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>Builds gqlparser-shaped JSON objects (omitempty lists and optional members left out).</summary>
internal sealed class GqlObj
{
    private readonly List<KeyValuePair<Value, Value>> _pairs = [];

    public GqlObj Set(string name, Value value)
    {
        _pairs.Add(new(StringValue.From(name), value));
        return this;
    }

    public GqlObj Set(string name, string value) => Set(name, StringValue.From(value));

    public GqlObj Set(string name, bool value) => Set(name, BooleanValue.From(value));

    public GqlObj Opt(string name, Value? value) => value is null ? this : Set(name, value);

    public GqlObj List(string name, List<Value>? items) =>
        items is null || items.Count == 0 ? this : Set(name, ArrayValue.From(items));

    public GqlObj Names(string name, List<string> items) =>
        items.Count == 0 ? this : Set(name, ArrayValue.From(items.Select(i => (Value)StringValue.From(i))));

    public ObjectValue Build() => ObjectValue.From(_pairs);

    public static string Str(Value? node, string name) =>
        node is ObjectValue o && o.Get(StringValue.From(name)) is StringValue s ? s.Value : string.Empty;

    public static bool Bool(Value? node, string name) =>
        node is ObjectValue o && o.Get(StringValue.From(name)) is BooleanValue { Value: true };

    public static ObjectValue? Child(Value? node, string name) =>
        node is ObjectValue o ? o.Get(StringValue.From(name)) as ObjectValue : null;

    public static IReadOnlyList<Value> Items(Value? node, string name) =>
        node is ObjectValue o && o.Get(StringValue.From(name)) is ArrayValue a ? a.Items : [];

    public static IEnumerable<ObjectValue> Objects(Value? node, string name) => Items(node, name).OfType<ObjectValue>();

    public static long Int(Value? node, string name) =>
        node is ObjectValue o && o.Get(StringValue.From(name)) is NumberValue n && n.TryGetInt64(out var v) ? v : -1;
}
