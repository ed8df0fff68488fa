using System.Numerics;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core;

/// <summary>Operand conversions with OPA's exact error texts; <c>i</c> is 0-based.</summary>
internal static class CoreArgs
{
    /// <summary>OPA's IntOperand: an integral number that fits an int.</summary>
    public static int Int(string builtin, ReadOnlySpan<Value> a, int i)
    {
        var n = BuiltinArgs.Number(builtin, a, i);
        if (n.TryGetInt32(out var v))
        {
            return v;
        }

        // Go's int is 64-bit: beyond that OPA reports the operand as not an integer; between the 32- and 64-bit
        // limits the value saturates, which callers treat as "very large".
        if (!n.IsInteger || !n.TryGetInt64(out _))
        {
            throw CoreErrors.NotInteger(builtin, i + 1);
        }

        return n.Sign < 0 ? int.MinValue : int.MaxValue;
    }

    /// <summary>OPA's BigIntOperand.</summary>
    public static BigInteger BigInt(string builtin, ReadOnlySpan<Value> a, int i)
    {
        if (a[i] is not NumberValue n)
        {
            throw CoreErrors.Type(builtin, i + 1, a[i], "integer");
        }

        return n.AsBigInteger() ?? throw CoreErrors.NotInteger(builtin, i + 1);
    }

    /// <summary>Elements of an array or set operand (OPA's StringSliceOperand shape checks are left to callers).</summary>
    public static IReadOnlyList<Value>? Elements(Value v) => v switch
    {
        ArrayValue arr => arr.Items,
        SetValue set => set.Items,
        _ => null,
    };

    /// <summary>OPA's StringSliceOperand: an array or set of strings.</summary>
    public static List<string> Strings(string builtin, ReadOnlySpan<Value> a, int i)
    {
        var items = Elements(a[i]) ?? throw CoreErrors.Type(builtin, i + 1, a[i], "array", "set");
        var result = new List<string>(items.Count);
        foreach (var item in items)
        {
            result.Add(item is StringValue s ? s.Value : throw CoreErrors.Element(builtin, i + 1, a[i], item, "string"));
        }

        return result;
    }
}
