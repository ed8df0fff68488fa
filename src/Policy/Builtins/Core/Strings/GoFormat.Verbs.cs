using System.Globalization;
using System.Numerics;
using System.Text;

namespace AgentGate.Policy.Builtins.Core.Strings;

internal static partial class GoFormat
{
    private static void FormatArg(StringBuilder sb, Spec spec, int verb, object arg)
    {
        string body;
        var numeric = false;
        switch (arg)
        {
            case long l:
                (body, numeric) = FormatInteger(new BigInteger(l), spec, verb, isBig: false) is { } s ? (s, verb is not ('c' or 'q' or 'U')) : (BadVerb(verb, arg), false);
                break;
            case BigInteger b:
                (body, numeric) = FormatInteger(b, spec, verb, isBig: true) is { } t ? (t, true) : (BadVerb(verb, arg), false);
                break;
            case double d:
                (body, numeric) = FormatDouble(d, spec, verb) is { } u ? (u, true) : (BadVerb(verb, arg), false);
                break;
            default:
                body = FormatString((string)arg, spec, verb) ?? BadVerb(verb, arg);
                break;
        }

        Pad(sb, body, spec, numeric && spec.Zero && !spec.Minus);
    }

    private static void Pad(StringBuilder sb, string body, Spec spec, bool zeros)
    {
        var len = Runes.Count(body);
        var pad = spec.Width - len;
        if (pad <= 0)
        {
            sb.Append(body);
            return;
        }

        if (spec.Minus)
        {
            sb.Append(body).Append(' ', pad);
        }
        else if (zeros)
        {
            var signLen = body.Length > 0 && body[0] is '-' or '+' or ' ' ? 1 : 0;
            sb.Append(body, 0, signLen).Append('0', pad).Append(body, signLen, body.Length - signLen);
        }
        else
        {
            sb.Append(' ', pad).Append(body);
        }
    }

    private static string? FormatInteger(BigInteger v, Spec spec, int verb, bool isBig)
    {
        switch (verb)
        {
            case 'd' or 'v' or 's' when verb != 's' || isBig:
                return Signed(v, spec, 10, string.Empty);
            case 'b':
                return Signed(v, spec, 2, spec.Sharp ? "0b" : string.Empty);
            case 'o':
                return Signed(v, spec, 8, spec.Sharp ? "0" : string.Empty);
            case 'O':
                return Signed(v, spec, 8, "0o");
            case 'x':
                return Signed(v, spec, 16, spec.Sharp ? "0x" : string.Empty);
            case 'X':
                return Signed(v, spec, 16, spec.Sharp ? "0X" : string.Empty).ToUpperInvariant();
            case 'c' when !isBig:
                return v >= 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF) ? char.ConvertFromUtf32((int)v) : "\uFFFD";
            case 'q' when !isBig:
                return v >= 0 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF) ? GoQuote.QuoteRune((int)v) : "'\uFFFD'";
            case 'U' when !isBig:
                return "U+" + ((long)v).ToString("X4", CultureInfo.InvariantCulture);
            case 'e' or 'E' or 'f' or 'F' or 'g' or 'G' when isBig:
                return FormatDouble((double)v, spec, verb);
            default:
                return null;
        }
    }

    private static string Signed(BigInteger v, Spec spec, int radix, string prefix)
    {
        var digits = StringBuiltins.ToBase(BigInteger.Abs(v), radix);
        if (spec.HasPrecision)
        {
            if (spec.Precision == 0 && v.IsZero)
            {
                digits = string.Empty;
            }
            else if (digits.Length < spec.Precision)
            {
                digits = new string('0', spec.Precision - digits.Length) + digits;
            }
        }

        var sign = v.Sign < 0 ? "-" : spec.Plus ? "+" : spec.Space ? " " : string.Empty;
        return sign + prefix + digits;
    }

    private static string? FormatString(string s, Spec spec, int verb)
    {
        switch (verb)
        {
            case 's' or 'v':
                return spec.HasPrecision ? s[..Runes.Offset(s, spec.Precision)] : s;
            case 'q':
                return spec.Sharp && !s.Contains('`', StringComparison.Ordinal) && !s.Any(char.IsControl) ? $"`{s}`" : GoQuote.Quote(s, spec.Plus);
            case 'x' or 'X':
                var hex = new StringBuilder();
                var bytes = Encoding.UTF8.GetBytes(spec.HasPrecision ? s[..Runes.Offset(s, spec.Precision)] : s);
                for (var i = 0; i < bytes.Length; i++)
                {
                    if (spec.Space && i > 0)
                    {
                        hex.Append(' ');
                    }

                    if (spec.Sharp && (spec.Space || i == 0))
                    {
                        hex.Append(verb == 'x' ? "0x" : "0X");
                    }

                    hex.Append(bytes[i].ToString(verb == 'x' ? "x2" : "X2", CultureInfo.InvariantCulture));
                }

                return hex.ToString();
            default:
                return null;
        }
    }

    private static string? FormatDouble(double d, Spec spec, int verb)
    {
        var prec = spec.HasPrecision ? spec.Precision : -1;
        string body;
        switch (verb)
        {
            case 'v':
                body = FormatFloat(d, 'g', prec, spec.Sharp);
                break;
            case 'e' or 'E' or 'f' or 'F':
                body = FormatFloat(d, (char)verb, spec.HasPrecision ? prec : 6, spec.Sharp);
                break;
            case 'g' or 'G':
                body = FormatFloat(d, (char)verb, prec, spec.Sharp);
                break;
            default:
                return null;
        }

        if (!body.StartsWith('-') && (spec.Plus || spec.Space))
        {
            body = (spec.Plus ? "+" : " ") + body;
        }

        return body;
    }
}
