using System.Globalization;
using System.Text;

namespace AgentGate.Policy.Builtins.Extended.Time;

/// <summary>Go's Time.Format for a layout.</summary>
internal static class GoTimeFormatter
{
    public static readonly string[] LongMonths = CultureInfo.InvariantCulture.DateTimeFormat.MonthNames[..12];
    public static readonly string[] LongDays = CultureInfo.InvariantCulture.DateTimeFormat.DayNames;

    public static string Format(GoTime time, string layout)
    {
        var local = time.Local;
        var offset = (int)time.Offset.TotalSeconds;
        var b = new StringBuilder();
        foreach (var chunk in GoLayout.Split(layout))
        {
            b.Append(chunk.Prefix);
            var hour12 = local.Hour % 12 == 0 ? 12 : local.Hour % 12;
            switch (chunk.Std)
            {
                case GoStd.None: break;
                case GoStd.Year: b.Append(Pad(local.Year % 100, 2)); break;
                case GoStd.LongYear: b.Append(Pad(local.Year, 4)); break;
                case GoStd.Month: b.Append(LongMonths[local.Month - 1][..3]); break;
                case GoStd.LongMonth: b.Append(LongMonths[local.Month - 1]); break;
                case GoStd.NumMonth: b.Append(local.Month); break;
                case GoStd.ZeroMonth: b.Append(Pad(local.Month, 2)); break;
                case GoStd.WeekDay: b.Append(LongDays[(int)local.DayOfWeek][..3]); break;
                case GoStd.LongWeekDay: b.Append(LongDays[(int)local.DayOfWeek]); break;
                case GoStd.Day: b.Append(local.Day); break;
                case GoStd.UnderDay: b.Append(local.Day < 10 ? " " : string.Empty).Append(local.Day); break;
                case GoStd.ZeroDay: b.Append(Pad(local.Day, 2)); break;
                case GoStd.UnderYearDay: b.Append(local.DayOfYear.ToString(CultureInfo.InvariantCulture).PadLeft(3)); break;
                case GoStd.ZeroYearDay: b.Append(Pad(local.DayOfYear, 3)); break;
                case GoStd.Hour: b.Append(Pad(local.Hour, 2)); break;
                case GoStd.Hour12: b.Append(hour12); break;
                case GoStd.ZeroHour12: b.Append(Pad(hour12, 2)); break;
                case GoStd.Minute: b.Append(local.Minute); break;
                case GoStd.ZeroMinute: b.Append(Pad(local.Minute, 2)); break;
                case GoStd.Second: b.Append(local.Second); break;
                case GoStd.ZeroSecond: b.Append(Pad(local.Second, 2)); break;
                case GoStd.PM: b.Append(local.Hour >= 12 ? "PM" : "AM"); break;
                case GoStd.Pm: b.Append(local.Hour >= 12 ? "pm" : "am"); break;
                case GoStd.TZ:
                    b.Append(time.ZoneAbbreviation.Length > 0 ? time.ZoneAbbreviation : Zone(offset, false, false, false));
                    break;
                case GoStd.FracSecond0:
                    b.Append(chunk.FracSeparator).Append(Pad(time.Nanosecond, 9)[..chunk.FracDigits]);
                    break;
                case GoStd.FracSecond9:
                    var digits = Pad(time.Nanosecond, 9)[..chunk.FracDigits].TrimEnd('0');
                    if (digits.Length > 0)
                    {
                        b.Append(chunk.FracSeparator).Append(digits);
                    }

                    break;
                default:
                    b.Append(FormatZone(chunk.Std, offset));
                    break;
            }
        }

        return b.ToString();
    }

    private static string FormatZone(GoStd std, int offset)
    {
        var iso = std is GoStd.Iso8601TZ or GoStd.Iso8601SecondsTZ or GoStd.Iso8601ShortTZ or GoStd.Iso8601ColonTZ or GoStd.Iso8601ColonSecondsTZ;
        if (iso && offset == 0)
        {
            return "Z";
        }

        var colon = std is GoStd.Iso8601ColonTZ or GoStd.Iso8601ColonSecondsTZ or GoStd.NumColonTZ or GoStd.NumColonSecondsTZ;
        var seconds = std is GoStd.Iso8601SecondsTZ or GoStd.Iso8601ColonSecondsTZ or GoStd.NumSecondsTz or GoStd.NumColonSecondsTZ;
        var shortZone = std is GoStd.Iso8601ShortTZ or GoStd.NumShortTZ;
        return Zone(offset, colon, seconds, shortZone);
    }

    private static string Zone(int offset, bool colon, bool seconds, bool shortZone)
    {
        var b = new StringBuilder(offset < 0 ? "-" : "+");
        var abs = Math.Abs(offset);
        b.Append(Pad(abs / 3600, 2));
        if (!shortZone)
        {
            b.Append(colon ? ":" : string.Empty).Append(Pad(abs / 60 % 60, 2));
        }

        if (seconds)
        {
            b.Append(colon ? ":" : string.Empty).Append(Pad(abs % 60, 2));
        }

        return b.ToString();
    }

    private static string Pad(int value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
}
