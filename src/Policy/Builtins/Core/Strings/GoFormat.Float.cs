using System.Globalization;
using System.Text;

namespace AgentGate.Policy.Builtins.Core.Strings;

internal static partial class GoFormat
{
    /// <summary>Go's strconv.FormatFloat for finite values; <paramref name="prec"/> -1 means shortest.</summary>
    internal static string FormatFloat(double d, char fmt, int prec, bool sharp)
    {
        var neg = double.IsNegative(d);
        var abs = Math.Abs(d);
        var lower = char.ToLowerInvariant(fmt);
        string digits;
        int dp;
        var shortest = prec < 0;
        if (lower == 'f' && !shortest)
        {
            var f = abs.ToString("F" + prec.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return (neg ? "-" : string.Empty) + f;
        }

        if (shortest)
        {
            (digits, dp) = Digits(abs.ToString("R", CultureInfo.InvariantCulture));
        }
        else
        {
            var sig = lower == 'e' ? prec + 1 : Math.Max(prec, 1);
            (digits, dp) = Digits(abs.ToString("E" + (sig - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
            if (lower == 'g')
            {
                digits = digits.TrimEnd('0');
            }
        }

        var sb = new StringBuilder();
        if (neg)
        {
            sb.Append('-');
        }

        switch (lower)
        {
            case 'e':
                FmtE(sb, digits, dp, shortest ? Math.Max(digits.Length - 1, 0) : prec, fmt);
                break;
            case 'f':
                FmtF(sb, digits, dp, Math.Max(digits.Length - dp, 0));
                break;
            default:
                var p = shortest ? digits.Length : Math.Max(prec, 1);
                var eprec = p;
                if (eprec > digits.Length && digits.Length >= dp)
                {
                    eprec = digits.Length;
                }

                if (shortest)
                {
                    eprec = 6;
                }

                var exp = dp - 1;
                if (exp < -4 || exp >= eprec)
                {
                    FmtE(sb, digits, dp, Math.Min(p, Math.Max(digits.Length, 1)) - 1, fmt == 'G' ? 'E' : 'e');
                }
                else
                {
                    FmtF(sb, digits, dp, Math.Max((p > dp ? digits.Length : p) - dp, 0));
                }

                break;
        }

        return sb.ToString();
    }

    /// <summary>Significant digits (no leading/trailing zeros) and decimal point position of a formatted number.</summary>
    private static (string Digits, int Dp) Digits(string s)
    {
        var exp = 0;
        var e = s.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = s[..e];
        }

        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var intLen = dot < 0 ? s.Length : dot;
        var all = dot < 0 ? s : s.Remove(dot, 1);
        var lead = 0;
        while (lead < all.Length && all[lead] == '0')
        {
            lead++;
        }

        var digits = all[lead..].TrimEnd('0');
        return digits.Length == 0 ? (string.Empty, 0) : (digits, intLen - lead + exp);
    }

    private static void FmtE(StringBuilder sb, string digits, int dp, int prec, char fmt)
    {
        sb.Append(digits.Length > 0 ? digits[0] : '0');
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        var exp = digits.Length == 0 ? 0 : dp - 1;
        sb.Append(fmt is 'E' or 'G' ? 'E' : 'e').Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        sb.Append(exp < 10 ? "0" : string.Empty).Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    private static void FmtF(StringBuilder sb, string digits, int dp, int prec)
    {
        if (dp > 0)
        {
            for (var i = 0; i < dp; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        else
        {
            sb.Append('0');
        }

        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 0; i < prec; i++)
            {
                var j = dp + i;
                sb.Append(j >= 0 && j < digits.Length ? digits[j] : '0');
            }
        }
    }
}
