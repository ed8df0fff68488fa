using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins;

/// <summary>
/// Operand accessors that throw OPA's type error when the kind is wrong.
/// <c>i</c> is the 0-based operand index; messages use 1-based operand numbers as OPA does.
/// </summary>
public static class BuiltinArgs
{
    public static string String(string builtin, ReadOnlySpan<Value> a, int i) =>
        a[i] is StringValue s ? s.Value : throw BuiltinException.TypeError(builtin, i + 1, "string", a[i]);

    public static NumberValue Number(string builtin, ReadOnlySpan<Value> a, int i) =>
        a[i] as NumberValue ?? throw BuiltinException.TypeError(builtin, i + 1, "number", a[i]);

    /// <summary>An integral number that fits in 64 bits.</summary>
    public static long Int(string builtin, ReadOnlySpan<Value> a, int i)
    {
        var n = Number(builtin, a, i);
        if (n.TryGetInt64(out var v))
        {
            return v;
        }

        throw n.IsInteger
            ? BuiltinException.Error(builtin, $"operand {i + 1} out of range")
            : BuiltinException.TypeError(builtin, i + 1, "integer", a[i]);
    }

    public static ArrayValue Array(string builtin, ReadOnlySpan<Value> a, int i) =>
        a[i] as ArrayValue ?? throw BuiltinException.TypeError(builtin, i + 1, "array", a[i]);

    public static ObjectValue Object(string builtin, ReadOnlySpan<Value> a, int i) =>
        a[i] as ObjectValue ?? throw BuiltinException.TypeError(builtin, i + 1, "object", a[i]);

    public static SetValue Set(string builtin, ReadOnlySpan<Value> a, int i) =>
        a[i] as SetValue ?? throw BuiltinException.TypeError(builtin, i + 1, "set", a[i]);

    public static bool Boolean(string builtin, ReadOnlySpan<Value> a, int i) =>
        a[i] is BooleanValue b ? b.Value : throw BuiltinException.TypeError(builtin, i + 1, "boolean", a[i]);
}
