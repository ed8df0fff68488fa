using System.Globalization;
using System.Numerics;

namespace AgentGate.Policy.Builtins.Extended.Time;

/// <summary>Go's time.Parse: returns Unix nanoseconds (exact) or an error text.</summary>
internal static partial class GoTimeParser
{
    public static BigInteger? Parse(string layout, string value, out string error)
    {
        error = string.Empty;
        var original = value;
        int year = 1, month = 1, day = 1, hour = 0, minute = 0, second = 0, nanos = 0, offset = 0, yday = -1;
        bool pm = false, am = false;
        var chunks = GoLayout.Split(layout);
        for (var ci = 0; ci < chunks.Count; ci++)
        {
            var chunk = chunks[ci];
            if (!Skip(ref value, chunk.Prefix))
            {
                error = Fail(layout, original, value, chunk.Prefix);
                return null;
            }

            var element = value;
            var ok = chunk.Std switch
            {
                GoStd.None => true,
                GoStd.Year => Num(ref value, 2, 2, out year) && Adjust(ref year),
                GoStd.LongYear => Num(ref value, 4, 4, out year),
                GoStd.Month => Lookup(ref value, GoTimeFormatter.LongMonths, true, out month),
                GoStd.LongMonth => Lookup(ref value, GoTimeFormatter.LongMonths, false, out month),
                GoStd.NumMonth => Num(ref value, 1, 2, out month) && month is >= 1 and <= 12,
                GoStd.ZeroMonth => Num(ref value, 2, 2, out month) && month is >= 1 and <= 12,
                GoStd.WeekDay => Lookup(ref value, GoTimeFormatter.LongDays, true, out _),
                GoStd.LongWeekDay => Lookup(ref value, GoTimeFormatter.LongDays, false, out _),
                GoStd.Day => Num(ref value, 1, 2, out day),
                GoStd.UnderDay => SkipSpace(ref value) && Num(ref value, 1, 2, out day),
                GoStd.ZeroDay => Num(ref value, 2, 2, out day),
                GoStd.UnderYearDay => SkipSpace(ref value) && Num(ref value, 1, 3, out yday),
                GoStd.ZeroYearDay => Num(ref value, 3, 3, out yday),
                GoStd.Hour => Num(ref value, 1, 2, out hour) && hour < 24,
                GoStd.Hour12 => Num(ref value, 1, 2, out hour) && hour <= 12,
                GoStd.ZeroHour12 => Num(ref value, 2, 2, out hour) && hour <= 12,
                GoStd.Minute => Num(ref value, 1, 2, out minute) && minute < 60,
                GoStd.ZeroMinute => Num(ref value, 2, 2, out minute) && minute < 60,
                GoStd.Second or GoStd.ZeroSecond => Num(ref value, chunk.Std == GoStd.Second ? 1 : 2, 2, out second) && second < 60
                    && ImplicitFraction(ref value, ci + 1 < chunks.Count ? chunks[ci + 1] : default, ref nanos),
                GoStd.PM => AmPm(ref value, "PM", "AM", ref pm, ref am),
                GoStd.Pm => AmPm(ref value, "pm", "am", ref pm, ref am),
                GoStd.TZ => Abbreviation(ref value, ref offset),
                GoStd.FracSecond0 => Fraction(ref value, chunk.FracDigits, ref nanos),
                GoStd.FracSecond9 => value.Length < 2 || value[0] is not ('.' or ',') || !char.IsAsciiDigit(value[1]) || Fraction(ref value, -1, ref nanos),
                _ => Zone(ref value, chunk.Std, ref offset),
            };
            if (!ok)
            {
                error = Fail(layout, original, element, chunk.Std.ToString());
                return null;
            }
        }

        if (value.Length > 0)
        {
            error = $"parsing time \"{original}\": extra text: \"{value}\"";
            return null;
        }

        if (pm && hour < 12)
        {
            hour += 12;
        }
        else if (am && hour == 12)
        {
            hour = 0;
        }

        if (year < 1 || year > 9999 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"parsing time \"{original}\": day out of range";
            return null;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc);
        if (yday > 0)
        {
            local = new DateTime(year, 1, 1, hour, minute, second, DateTimeKind.Utc).AddDays(yday - 1);
        }

        var seconds = (BigInteger)((local.Ticks - DateTime.UnixEpoch.Ticks) / TimeSpan.TicksPerSecond) - offset;
        return (seconds * 1_000_000_000) + nanos;
    }

    private static string Fail(string layout, string value, string rest, string element) =>
        $"parsing time \"{value}\" as \"{layout}\": cannot parse \"{rest}\" as \"{element}\"";

    private static bool Adjust(ref int year)
    {
        year += year >= 69 ? 1900 : 2000;
        return true;
    }

    private static bool Skip(ref string value, string prefix)
    {
        var p = 0;
        while (p < prefix.Length)
        {
            if (prefix[p] == ' ')
            {
                if (value.Length > 0 && value[0] != ' ')
                {
                    return false;
                }

                while (p < prefix.Length && prefix[p] == ' ')
                {
                    p++;
                }

                value = value.TrimStart(' ');
                continue;
            }

            if (value.Length == 0 || value[0] != prefix[p])
            {
                return false;
            }

            value = value[1..];
            p++;
        }

        return true;
    }

    private static bool SkipSpace(ref string value)
    {
        if (value.StartsWith(' '))
        {
            value = value[1..];
        }

        return true;
    }

    private static bool Num(ref string value, int min, int max, out int result)
    {
        var n = 0;
        while (n < max && n < value.Length && char.IsAsciiDigit(value[n]))
        {
            n++;
        }

        result = 0;
        if (n < min)
        {
            return false;
        }

        result = int.Parse(value.AsSpan(0, n), CultureInfo.InvariantCulture);
        value = value[n..];
        return true;
    }

}
