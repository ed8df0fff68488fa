using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Core;

/// <summary>Calls builtins from the default table with operands written as term text.</summary>
internal static class Builtin
{
    private static readonly BuiltinContext Context = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public static Value? Call(string name, params string[] operands)
    {
        Assert.True(BuiltinTable.Default.TryGet(name, out var def), $"builtin {name} is not registered");
        Assert.Equal(def.Arity, operands.Length);
        var args = operands.Select(TermText.Parse).ToArray();
        return def.Function(Context, args);
    }

    public static Value? CallValues(string name, params Value[] args)
    {
        Assert.True(BuiltinTable.Default.TryGet(name, out var def), $"builtin {name} is not registered");
        return def.Function(Context, args);
    }

    /// <summary>Asserts the call yields <paramref name="expected"/> (term text) by value equality.</summary>
    public static void Yields(string expected, string name, params string[] operands)
    {
        var result = Call(name, operands);
        Assert.NotNull(result);
        var want = TermText.Parse(expected);
        Assert.True(want.Equals(result), $"{name}: expected {want} but got {result}");
    }

    public static void Undefined(string name, params string[] operands) => Assert.Null(Call(name, operands));

    /// <summary>Asserts the call fails with <paramref name="code"/> and a message containing <paramref name="text"/>.</summary>
    public static void Fails(string code, string text, string name, params string[] operands)
    {
        var ex = Assert.Throws<BuiltinException>(() => Call(name, operands));
        Assert.Equal(code, ex.Code);
        Assert.Contains(text, ex.Message, StringComparison.Ordinal);
    }

    public static void TypeError(string text, string name, params string[] operands) =>
        Fails(BuiltinException.TypeErrorCode, text, name, operands);

    public static void BuiltinError(string text, string name, params string[] operands) =>
        Fails(BuiltinException.BuiltinErrorCode, text, name, operands);

    public static string Quote(string s) => ValueJson.Quote(s);
}
