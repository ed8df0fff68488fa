using System.Numerics;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Numbers;

/// <summary>Rounding helpers on exact numbers (integers stay exact; fractions round via decimal, else double).</summary>
internal static class NumberMath
{
    public static NumberValue Abs(NumberValue n) => n.Sign < 0 ? NumberValue.Negate(n) : n;

    /// <summary>Rounds half away from zero, as OPA's <c>round</c>.</summary>
    public static NumberValue Round(NumberValue n) => Integral(n, MidpointRounding.AwayFromZero);

    public static NumberValue Ceiling(NumberValue n) => Integral(n, MidpointRounding.ToPositiveInfinity);

    public static NumberValue Floor(NumberValue n) => Integral(n, MidpointRounding.ToNegativeInfinity);

    /// <summary>Truncates toward zero (Go's big.Float.Int).</summary>
    public static BigInteger Truncate(NumberValue n)
    {
        if (n.AsBigInteger() is { } i)
        {
            return i;
        }

        if (n.ToDecimal() is { } d)
        {
            return new BigInteger(decimal.Truncate(d));
        }

        var x = n.ToDouble();
        return double.IsFinite(x) ? new BigInteger(Math.Truncate(x)) : BigInteger.Zero;
    }

    private static NumberValue Integral(NumberValue n, MidpointRounding mode)
    {
        if (n.IsInteger)
        {
            return n;
        }

        if (n.ToDecimal() is { } d)
        {
            return NumberValue.From(new BigInteger(Math.Round(d, 0, mode)));
        }

        var x = n.ToDouble();
        return double.IsFinite(x) ? NumberValue.From(new BigInteger(Math.Round(x, 0, mode))) : n;
    }
}
