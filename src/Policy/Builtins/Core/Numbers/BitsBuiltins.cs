using System.Numerics;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Numbers;

/// <summary><c>bits.*</c> on arbitrary-size integers.</summary>
[BuiltinGroup]
internal static class BitsBuiltins
{
    // A left shift past this many bits would build a number no policy can use; refuse instead of exhausting memory.
    private const int MaxShift = 1 << 24;

    internal static void Register(BuiltinTable t)
    {
        t.Add("bits.or", 2, static (_, a) => Two("bits.or", a, static (x, y) => x | y));
        t.Add("bits.and", 2, static (_, a) => Two("bits.and", a, static (x, y) => x & y));
        t.Add("bits.xor", 2, static (_, a) => Two("bits.xor", a, static (x, y) => x ^ y));
        t.Add("bits.negate", 1, static (_, a) => NumberValue.From(-CoreArgs.BigInt("bits.negate", a, 0) - 1));
        t.Add("bits.lsh", 2, static (_, a) => Shift("bits.lsh", a, left: true));
        t.Add("bits.rsh", 2, static (_, a) => Shift("bits.rsh", a, left: false));
    }

    private static NumberValue Two(string name, ReadOnlySpan<Value> a, Func<BigInteger, BigInteger, BigInteger> op) =>
        NumberValue.From(op(CoreArgs.BigInt(name, a, 0), CoreArgs.BigInt(name, a, 1)));

    private static NumberValue Shift(string name, ReadOnlySpan<Value> a, bool left)
    {
        var x = CoreArgs.BigInt(name, a, 0);
        var n = CoreArgs.BigInt(name, a, 1);
        if (n.Sign < 0)
        {
            throw CoreErrors.Operand(name, 2, "must be an unsigned integer number but got a negative integer");
        }

        if (x.IsZero)
        {
            return NumberValue.Zero;
        }

        if (!left)
        {
            // Arithmetic shift rounds toward negative infinity, as Go's big.Int.Rsh.
            if (n >= x.GetBitLength() + 1)
            {
                return x.Sign < 0 ? NumberValue.From(-1) : NumberValue.Zero;
            }

            return NumberValue.From(x >> (int)n);
        }

        if (n > MaxShift)
        {
            throw CoreErrors.Builtin(name, "shift count too large");
        }

        return NumberValue.From(x << (int)n);
    }
}
