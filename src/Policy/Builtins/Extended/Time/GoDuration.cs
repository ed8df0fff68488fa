using System.Numerics;

namespace AgentGate.Policy.Builtins.Extended.Time;

/// <summary>Go's time.ParseDuration ("1h30m", "-1.5s", "300ms").</summary>
internal static class GoDuration
{
    public static long? Parse(string text)
    {
        var s = text;
        var negative = false;
        if (s.Length > 0 && s[0] is '-' or '+')
        {
            negative = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return 0;
        }

        if (s.Length == 0)
        {
            return null;
        }

        BigInteger total = 0;
        while (s.Length > 0)
        {
            var i = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                i++;
            }

            var whole = s[..i];
            var fraction = string.Empty;
            if (i < s.Length && s[i] == '.')
            {
                var j = ++i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }

                fraction = s[j..i];
            }

            if (whole.Length == 0 && fraction.Length == 0)
            {
                return null;
            }

            var u = i;
            while (u < s.Length && s[u] != '.' && !char.IsAsciiDigit(s[u]))
            {
                u++;
            }

            long? unit = s[i..u] switch
            {
                "ns" => 1L,
                "us" or "µs" or "μs" => 1_000L,
                "ms" => 1_000_000L,
                "s" => 1_000_000_000L,
                "m" => 60_000_000_000L,
                "h" => 3_600_000_000_000L,
                _ => null,
            };
            if (unit is not { } scale)
            {
                return null;
            }

            total += (whole.Length > 0 ? BigInteger.Parse(whole, System.Globalization.CultureInfo.InvariantCulture) : 0) * scale;
            if (fraction.Length > 0)
            {
                total += BigInteger.Parse(fraction, System.Globalization.CultureInfo.InvariantCulture) * scale / BigInteger.Pow(10, fraction.Length);
            }

            if (total > long.MaxValue)
            {
                return null;
            }

            s = s[u..];
        }

        return (long)(negative ? -total : total);
    }
}
