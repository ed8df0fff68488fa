using System.Globalization;
using System.Numerics;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Units;

/// <summary><c>units.parse</c> (SI and binary SI, exact) and <c>units.parse_bytes</c> (integer bytes).</summary>
[BuiltinGroup]
internal static class UnitsBuiltins
{
    private static readonly Dictionary<string, BigInteger> Si = new(StringComparer.Ordinal)
    {
        [""] = 1,
        ["k"] = Pow(1000, 1), ["K"] = Pow(1000, 1), ["ki"] = Pow(1024, 1), ["Ki"] = Pow(1024, 1),
        ["M"] = Pow(1000, 2), ["mi"] = Pow(1024, 2), ["Mi"] = Pow(1024, 2),
        ["g"] = Pow(1000, 3), ["G"] = Pow(1000, 3), ["gi"] = Pow(1024, 3), ["Gi"] = Pow(1024, 3),
        ["t"] = Pow(1000, 4), ["T"] = Pow(1000, 4), ["ti"] = Pow(1024, 4), ["Ti"] = Pow(1024, 4),
        ["p"] = Pow(1000, 5), ["P"] = Pow(1000, 5), ["pi"] = Pow(1024, 5), ["Pi"] = Pow(1024, 5),
        ["e"] = Pow(1000, 6), ["E"] = Pow(1000, 6), ["ei"] = Pow(1024, 6), ["Ei"] = Pow(1024, 6),
    };

    private static readonly Dictionary<string, BigInteger> Bytes = new(StringComparer.Ordinal)
    {
        [""] = 1,
        ["kb"] = Pow(1000, 1), ["k"] = Pow(1000, 1), ["kib"] = Pow(1024, 1), ["ki"] = Pow(1024, 1),
        ["mb"] = Pow(1000, 2), ["m"] = Pow(1000, 2), ["mib"] = Pow(1024, 2), ["mi"] = Pow(1024, 2),
        ["gb"] = Pow(1000, 3), ["g"] = Pow(1000, 3), ["gib"] = Pow(1024, 3), ["gi"] = Pow(1024, 3),
        ["tb"] = Pow(1000, 4), ["t"] = Pow(1000, 4), ["tib"] = Pow(1024, 4), ["ti"] = Pow(1024, 4),
        ["pb"] = Pow(1000, 5), ["p"] = Pow(1000, 5), ["pib"] = Pow(1024, 5), ["pi"] = Pow(1024, 5),
        ["eb"] = Pow(1000, 6), ["e"] = Pow(1000, 6), ["eib"] = Pow(1024, 6), ["ei"] = Pow(1024, 6),
    };

    internal static void Register(BuiltinTable t)
    {
        t.Add("units.parse", 1, Parse);
        t.Add("units.parse_bytes", 1, ParseBytes);
    }

    private static BigInteger Pow(int b, int e) => BigInteger.Pow(b, e);

    private static Value Parse(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "units.parse";
        var s = BuiltinArgs.String(Name, a, 0).Replace("\"", string.Empty, StringComparison.Ordinal);
        var (num, unit) = Split(Name, s);
        if (num.Length == 0)
        {
            throw CoreErrors.Builtin(Name, "no amount provided");
        }

        if (unit.Length > 1)
        {
            unit = unit[..1] + unit[1..].ToLowerInvariant();
        }

        BigInteger mult;
        var extraScale = 0;
        if (unit == "m")
        {
            mult = BigInteger.One;
            extraScale = 3;
        }
        else if (!Si.TryGetValue(unit, out mult))
        {
            throw CoreErrors.Builtin(Name, $"unit {unit} not recognized");
        }

        if (!TryDecimal(num, out var mant, out var scale))
        {
            throw CoreErrors.Builtin(Name, "could not parse amount to a number");
        }

        mant *= mult;
        scale += extraScale;
        if (scale <= 0)
        {
            return NumberValue.From(mant * BigInteger.Pow(10, -scale));
        }

        var den = BigInteger.Pow(10, scale);
        var q = BigInteger.DivRem(mant, den, out var rem);
        if (rem.IsZero)
        {
            return NumberValue.From(q);
        }

        // Like big.Rat.FloatString(10): ten decimals, halves rounded away from zero.
        var scaled = mant * BigInteger.Pow(10, 10);
        var r10 = BigInteger.DivRem(BigInteger.Abs(scaled), den, out var r);
        if (r * 2 >= den)
        {
            r10 += 1;
        }

        var text = (mant.Sign < 0 ? "-" : string.Empty) + Insert(r10.ToString(CultureInfo.InvariantCulture));
        return NumberValue.TryParse(text, out var n) ? n : throw CoreErrors.Builtin(Name, "could not parse amount to a number");

        static string Insert(string digits)
        {
            digits = digits.PadLeft(11, '0');
            return digits[..^10] + "." + digits[^10..];
        }
    }

    private static Value ParseBytes(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "units.parse_bytes";
        var s = BuiltinArgs.String(Name, a, 0).ToLowerInvariant().Replace("\"", string.Empty, StringComparison.Ordinal);
        var (num, unit) = Split(Name, s);
        if (num.Length == 0)
        {
            throw CoreErrors.Builtin(Name, "no byte amount provided");
        }

        if (!Bytes.TryGetValue(unit, out var mult))
        {
            throw CoreErrors.Builtin(Name, $"byte unit {unit} not recognized");
        }

        if (!TryDecimal(num, out var mant, out var scale))
        {
            throw CoreErrors.Builtin(Name, "could not parse byte amount to a number");
        }

        mant *= mult;
        return NumberValue.From(scale <= 0 ? mant * BigInteger.Pow(10, -scale) : BigInteger.Divide(mant, BigInteger.Pow(10, scale)));
    }

    /// <summary>OPA's extractNumAndUnit: digits, dots, signs and a scientific exponent form the number.</summary>
    private static (string Num, string Unit) Split(string name, string s)
    {
        if (s.Contains(' ', StringComparison.Ordinal))
        {
            throw CoreErrors.Builtin(name, "spaces not allowed in resource strings");
        }

        var first = -1;
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (!char.IsDigit(ch) && ch is not ('.' or 'e' or 'E' or '+' or '-'))
            {
                first = i;
                break;
            }

            if (ch is 'e' or 'E')
            {
                if (i == s.Length - 1 || (!char.IsDigit(s[i + 1]) && s[i + 1] is not ('+' or '-')))
                {
                    first = i;
                    break;
                }

                if (s[i + 1] is '+' or '-')
                {
                    i++;
                }

                var end = i + 1;
                while (end < s.Length && char.IsDigit(s[end]))
                {
                    end++;
                }

                if (end - (i + 1) > 6)
                {
                    throw CoreErrors.Builtin(name, "exponent too large");
                }
            }
        }

        return first switch
        {
            -1 => (s, string.Empty),
            0 => (string.Empty, s),
            _ => (s[..first], s[first..]),
        };
    }

    /// <summary>Parses decimal text (sign, fraction, exponent) exactly as mantissa × 10^-scale.</summary>
    private static bool TryDecimal(string s, out BigInteger mant, out int scale)
    {
        mant = BigInteger.Zero;
        scale = 0;
        var exp = 0;
        var e = s.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exp))
            {
                return false;
            }

            s = s[..e];
        }

        var neg = s.StartsWith('-');
        if (neg || s.StartsWith('+'))
        {
            s = s[1..];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var digits = dot < 0 ? s : s.Remove(dot, 1);
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        mant = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        if (neg)
        {
            mant = -mant;
        }

        scale = (dot < 0 ? 0 : s.Length - dot - 1) - exp;
        return true;
    }
}
