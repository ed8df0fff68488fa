using System.Numerics;
using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Strings;

/// <summary>
/// Go's fmt.Sprintf as OPA's <c>sprintf</c> uses it: numbers become int64, *big.Int or float64, strings stay
/// strings and every other value is passed as its Rego text.
/// </summary>
internal static partial class GoFormat
{
    public static string Sprintf(string format, IReadOnlyList<Value> values)
    {
        var args = new object[values.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = ToArg(values[i]);
        }

        var sb = new StringBuilder(format.Length + 16);
        var argNum = 0;
        var reordered = false;
        var i0 = 0;
        while (i0 < format.Length)
        {
            var pct = format.IndexOf('%', i0);
            if (pct < 0)
            {
                sb.Append(format, i0, format.Length - i0);
                break;
            }

            sb.Append(format, i0, pct - i0);
            var spec = new Spec();
            var i = pct + 1;
            for (; i < format.Length; i++)
            {
                switch (format[i])
                {
                    case '-': spec.Minus = true; spec.Zero = false; continue;
                    case '+': spec.Plus = true; continue;
                    case '#': spec.Sharp = true; continue;
                    case ' ': spec.Space = true; continue;
                    case '0': spec.Zero = !spec.Minus; continue;
                }

                break;
            }

            i = ArgIndex(format, i, ref argNum, ref reordered);
            spec.Width = Number(format, ref i, args, ref argNum, out var widthFromArg);
            if (widthFromArg && spec.Width < 0)
            {
                spec.Minus = true;
                spec.Width = -spec.Width;
            }

            if (i < format.Length && format[i] == '.')
            {
                i++;
                i = ArgIndex(format, i, ref argNum, ref reordered);
                spec.Precision = Math.Max(Number(format, ref i, args, ref argNum, out _), 0);
                spec.HasPrecision = true;
            }

            i = ArgIndex(format, i, ref argNum, ref reordered);
            if (i >= format.Length)
            {
                sb.Append("%!(NOVERB)");
                break;
            }

            var verb = char.ConvertToUtf32(format, i);
            i += char.IsSurrogatePair(format, i) ? 2 : 1;
            i0 = i;
            if (verb == '%')
            {
                sb.Append('%');
                continue;
            }

            if (argNum >= args.Length)
            {
                sb.Append("%!").Append(char.ConvertFromUtf32(verb)).Append("(MISSING)");
                continue;
            }

            FormatArg(sb, spec, verb, args[argNum++]);
        }

        if (!reordered && argNum < args.Length)
        {
            sb.Append("%!(EXTRA ");
            for (var k = argNum; k < args.Length; k++)
            {
                if (k > argNum)
                {
                    sb.Append(", ");
                }

                sb.Append(TypeName(args[k])).Append('=').Append(Plain(args[k]));
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    private static object ToArg(Value v)
    {
        switch (v)
        {
            case NumberValue n:
                if (n.TryGetInt64(out var l))
                {
                    return l;
                }

                if (n.AsBigInteger() is { } big)
                {
                    return BigTooLargeForText(big) is { } text ? text : big;
                }

                var d = n.ToDouble();
                return double.IsFinite(d) ? d : n.ToString();
            case StringValue s:
                return s.Value;
            default:
                return v.ToString();
        }
    }

    /// <summary>
    /// OPA keeps a number's source text; a huge integer written with an exponent (2e308) is neither an int nor a
    /// float64 in Go and prints as that text. Integers beyond float64 range ending in many zeros are shown that way.
    /// </summary>
    private static string? BigTooLargeForText(BigInteger big)
    {
        if (BigInteger.Abs(big) < new BigInteger(double.MaxValue))
        {
            return null;
        }

        var digits = big.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var trimmed = digits.TrimEnd('0');
        var zeros = digits.Length - trimmed.Length;
        return zeros < 20 ? null : $"{trimmed}e{zeros}";
    }

    private static int ArgIndex(string f, int i, ref int argNum, ref bool reordered)
    {
        if (i >= f.Length || f[i] != '[')
        {
            return i;
        }

        var close = f.IndexOf(']', i);
        if (close > i && int.TryParse(f.AsSpan(i + 1, close - i - 1), System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1)
        {
            argNum = n - 1;
            reordered = true;
            return close + 1;
        }

        return i;
    }

    private static int Number(string f, ref int i, object[] args, ref int argNum, out bool fromArg)
    {
        fromArg = false;
        if (i < f.Length && f[i] == '*')
        {
            i++;
            fromArg = true;
            if (argNum < args.Length && args[argNum] is long l)
            {
                argNum++;
                return (int)Math.Clamp(l, -1_000_000, 1_000_000);
            }

            argNum++;
            return -1;
        }

        var start = i;
        var n = 0;
        while (i < f.Length && char.IsAsciiDigit(f[i]) && i - start < 7)
        {
            n = (n * 10) + (f[i] - '0');
            i++;
        }

        return i == start ? -1 : n;
    }

    private static string TypeName(object arg) => arg switch
    {
        long => "int",
        BigInteger => "*big.Int",
        double => "float64",
        _ => "string",
    };

    private static string Plain(object arg) => arg switch
    {
        long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
        BigInteger b => b.ToString(System.Globalization.CultureInfo.InvariantCulture),
        double d => FormatFloat(d, 'g', -1, false),
        _ => (string)arg,
    };

    private static string BadVerb(int verb, object arg) =>
        $"%!{char.ConvertFromUtf32(verb)}({TypeName(arg)}={Plain(arg)})";

    private struct Spec
    {
        public bool Minus;
        public bool Plus;
        public bool Sharp;
        public bool Space;
        public bool Zero;
        public int Width;
        public int Precision;
        public bool HasPrecision;
    }
}
