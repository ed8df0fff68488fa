using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Extended;

/// <summary>Invokes a registered builtin directly with Values.</summary>
internal static class Call
{
    public static readonly DateTimeOffset FixedNow = new(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

    public static Value? Builtin(string name, params Value[] args) => Builtin(new BuiltinContext(FixedNow), name, args);

    public static Value? Builtin(BuiltinContext context, string name, params Value[] args)
    {
        Assert.True(BuiltinTable.Default.TryGet(name, out var def), $"{name} is not registered");
        Assert.Equal(def.Arity, args.Length);
        return def.Function(context, args);
    }

    public static BuiltinException Error(string name, params Value[] args) =>
        Assert.Throws<BuiltinException>(() => Builtin(name, args));

    public static StringValue S(string s) => StringValue.From(s);

    public static NumberValue N(long n) => NumberValue.From(n);

    public static Value J(string json) => ValueJson.Parse(json);
}
