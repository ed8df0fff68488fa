using System.Globalization;
using System.Numerics;
using System.Text;

namespace AgentGate.Policy.Values;

/// <summary>
/// An arbitrary-precision number. Integers are exact (<see cref="BigInteger"/>, with a <see cref="long"/> fast path);
/// other numbers are held as <see cref="decimal"/> when they fit and as <see cref="double"/> otherwise.
/// </summary>
public sealed partial class NumberValue : Value
{
    private enum Rep : byte
    {
        Small,
        Big,
        Dec,
        Dbl,
    }

    private static readonly NumberValue[] SmallCache = CreateCache();

    private readonly Rep _rep;
    private readonly long _small;
    private readonly BigInteger _big;
    private readonly decimal _dec;
    private readonly double _dbl;

    private NumberValue(long v)
    {
        _rep = Rep.Small;
        _small = v;
    }

    private NumberValue(BigInteger v)
    {
        _rep = Rep.Big;
        _big = v;
    }

    private NumberValue(decimal v)
    {
        _rep = Rep.Dec;
        _dec = v;
    }

    private NumberValue(double v)
    {
        _rep = Rep.Dbl;
        _dbl = v;
    }

    public static NumberValue Zero => SmallCache[128];

    public static NumberValue One => SmallCache[129];

    public override ValueKind Kind => ValueKind.Number;

    /// <summary>True when the value is a whole number.</summary>
    public bool IsInteger => _rep is Rep.Small or Rep.Big;

    public static NumberValue From(long value) =>
        value is >= -128 and < 1024 - 128 ? SmallCache[value + 128] : new NumberValue(value);

    public static NumberValue From(int value) => From((long)value);

    public static NumberValue From(BigInteger value) =>
        value >= long.MinValue && value <= long.MaxValue ? From((long)value) : new NumberValue(value);

    public static NumberValue From(decimal value)
    {
        if (value == decimal.Truncate(value))
        {
            return From(new BigInteger(value));
        }

        return new NumberValue(value / 1.0000000000000000000000000000m);
    }

    public static NumberValue From(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return new NumberValue(value);
        }

        if (Math.Floor(value) == value && Math.Abs(value) < 1e300)
        {
            return From(new BigInteger(value));
        }

        if (Math.Abs(value) is > 1e-20 and < 7.9e27)
        {
            // Go through the shortest round-trip text so 0.1 stays 0.1.
            if (decimal.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return From(d);
            }
        }

        return new NumberValue(value);
    }

    /// <summary>Parses JSON/Rego number text exactly (integers of any size stay integers).</summary>
    public static bool TryParse(string text, out NumberValue value)
    {
        value = Zero;
        if (string.IsNullOrEmpty(text) || !LooksNumeric(text))
        {
            return false;
        }

        var span = text.AsSpan();
        if (span.IndexOfAny('.', 'e', 'E') < 0)
        {
            if (long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                value = From(l);
                return true;
            }

            if (BigInteger.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b))
            {
                value = From(b);
                return true;
            }

            return false;
        }

        if (TryParseScaled(text, out var exact))
        {
            value = exact;
            return true;
        }

        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            value = From(d);
            return true;
        }

        return false;
    }

    private static bool LooksNumeric(string text)
    {
        var i = 0;
        if (text[0] is '-' or '+')
        {
            i = 1;
        }

        if (i >= text.Length)
        {
            return false;
        }

        if (text[i] == '.')
        {
            return i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
        }

        return char.IsAsciiDigit(text[i]);
    }

    /// <summary>Parses decimal text with fraction/exponent exactly: integral results become integers.</summary>
    private static bool TryParseScaled(string text, out NumberValue value)
    {
        value = Zero;
        var s = text;
        var exp = 0;
        var ePos = s.IndexOfAny(['e', 'E']);
        if (ePos >= 0)
        {
            if (!int.TryParse(s.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp) || Math.Abs(exp) > 400)
            {
                return false;
            }

            s = s[..ePos];
        }

        var neg = s.StartsWith('-');
        if (neg || s.StartsWith('+'))
        {
            s = s[1..];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? s : string.Concat(s.AsSpan(0, dot), s.AsSpan(dot + 1));
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var scale = (dot < 0 ? 0 : s.Length - dot - 1) - exp;
        var mant = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (neg)
        {
            mant = -mant;
        }

        // Strip trailing zeros from the mantissa while the scale is positive.
        while (scale > 0 && !mant.IsZero && (mant % 10).IsZero)
        {
            mant /= 10;
            scale--;
        }

        if (mant.IsZero)
        {
            value = Zero;
            return true;
        }

        if (scale <= 0)
        {
            value = From(mant * BigInteger.Pow(10, -scale));
            return true;
        }

        if (scale <= 28 && BigInteger.Abs(mant) < new BigInteger(decimal.MaxValue))
        {
            value = new NumberValue(ToDecimal(mant, scale));
            return true;
        }

        return false;
    }

    private static decimal ToDecimal(BigInteger mant, int scale)
    {
        var neg = mant.Sign < 0;
        var abs = BigInteger.Abs(mant);
        var bytes = abs.ToByteArray(isUnsigned: true, isBigEndian: false);
        Span<byte> buf = stackalloc byte[12];
        bytes.AsSpan(0, Math.Min(bytes.Length, 12)).CopyTo(buf);
        var lo = BitConverter.ToInt32(buf[..4]);
        var mid = BitConverter.ToInt32(buf.Slice(4, 4));
        var hi = BitConverter.ToInt32(buf.Slice(8, 4));
        return new decimal(lo, mid, hi, neg, (byte)scale);
    }

    private static NumberValue[] CreateCache()
    {
        var a = new NumberValue[1024];
        for (var i = 0; i < a.Length; i++)
        {
            a[i] = new NumberValue(i - 128L);
        }

        return a;
    }
}
