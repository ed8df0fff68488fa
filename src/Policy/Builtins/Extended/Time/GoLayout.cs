namespace AgentGate.Policy.Builtins.Extended.Time;

/// <summary>Go reference-time layout elements (the "2006-01-02T15:04:05Z07:00" notation).</summary>
internal enum GoStd
{
    None, LongMonth, Month, NumMonth, ZeroMonth, LongWeekDay, WeekDay, Day, UnderDay, ZeroDay,
    UnderYearDay, ZeroYearDay, Hour, Hour12, ZeroHour12, Minute, ZeroMinute, Second, ZeroSecond,
    LongYear, Year, PM, Pm, TZ, Iso8601TZ, Iso8601SecondsTZ, Iso8601ShortTZ, Iso8601ColonTZ,
    Iso8601ColonSecondsTZ, NumTZ, NumSecondsTz, NumShortTZ, NumColonTZ, NumColonSecondsTZ,
    FracSecond0, FracSecond9,
}

/// <summary>One chunk of a layout: literal text before an element, the element, and its fraction width.</summary>
internal readonly record struct GoChunk(string Prefix, GoStd Std, int FracDigits, char FracSeparator);

/// <summary>Splits a Go layout into chunks, following Go's nextStdChunk rules.</summary>
internal static class GoLayout
{
    /// <summary>The named layouts OPA accepts (ANSIC … RFC3339Nano); other text is a Go layout.</summary>
    public static string Resolve(string layout) => layout switch
    {
        "" => "2006-01-02T15:04:05.999999999Z07:00",
        "ANSIC" => "Mon Jan _2 15:04:05 2006",
        "UnixDate" => "Mon Jan _2 15:04:05 MST 2006",
        "RubyDate" => "Mon Jan 02 15:04:05 -0700 2006",
        "RFC822" => "02 Jan 06 15:04 MST",
        "RFC822Z" => "02 Jan 06 15:04 -0700",
        "RFC850" => "Monday, 02-Jan-06 15:04:05 MST",
        "RFC1123" => "Mon, 02 Jan 2006 15:04:05 MST",
        "RFC1123Z" => "Mon, 02 Jan 2006 15:04:05 -0700",
        "RFC3339" => "2006-01-02T15:04:05Z07:00",
        "RFC3339Nano" => "2006-01-02T15:04:05.999999999Z07:00",
        _ => layout,
    };

    public static List<GoChunk> Split(string layout)
    {
        var chunks = new List<GoChunk>();
        var rest = layout;
        while (rest.Length > 0)
        {
            var (prefix, std, frac, sep, after) = Next(rest);
            chunks.Add(new GoChunk(prefix, std, frac, sep));
            rest = after;
        }

        return chunks;
    }

    private static bool LowerAt(string s, int i) => i < s.Length && s[i] is >= 'a' and <= 'z';

    private static bool At(string s, int i, string word) => i + word.Length <= s.Length && string.CompareOrdinal(s, i, word, 0, word.Length) == 0;

    private static (string, GoStd, int, char, string) Next(string l)
    {
        for (var i = 0; i < l.Length; i++)
        {
            var (std, len) = Match(l, i);
            if (std == GoStd.FracSecond0 || std == GoStd.FracSecond9)
            {
                return (l[..i], std, len - 1, l[i], l[(i + len)..]);
            }

            if (std == GoStd.LongYear && l[i] == '_')
            {
                return (l[..(i + 1)], std, 0, '.', l[(i + 5)..]);
            }

            if (std != GoStd.None)
            {
                return (l[..i], std, 0, '.', l[(i + len)..]);
            }
        }

        return (l, GoStd.None, 0, '.', string.Empty);
    }

    private static (GoStd, int) Match(string l, int i)
    {
        switch (l[i])
        {
            case 'J' when At(l, i, "Jan"):
                return At(l, i, "January") ? (GoStd.LongMonth, 7) : !LowerAt(l, i + 3) ? (GoStd.Month, 3) : (GoStd.None, 0);
            case 'M' when At(l, i, "Mon"):
                return At(l, i, "Monday") ? (GoStd.LongWeekDay, 6) : !LowerAt(l, i + 3) ? (GoStd.WeekDay, 3) : (GoStd.None, 0);
            case 'M' when At(l, i, "MST"):
                return (GoStd.TZ, 3);
            case '0' when i + 1 < l.Length && l[i + 1] is >= '1' and <= '6':
                return (l[i + 1] switch
                {
                    '1' => GoStd.ZeroMonth, '2' => GoStd.ZeroDay, '3' => GoStd.ZeroHour12,
                    '4' => GoStd.ZeroMinute, '5' => GoStd.ZeroSecond, _ => GoStd.Year,
                }, 2);
            case '0' when At(l, i, "002"):
                return (GoStd.ZeroYearDay, 3);
            case '1':
                return At(l, i, "15") ? (GoStd.Hour, 2) : (GoStd.NumMonth, 1);
            case '2':
                return At(l, i, "2006") ? (GoStd.LongYear, 4) : (GoStd.Day, 1);
            case '_' when At(l, i, "_2"):
                return At(l, i, "_2006") ? (GoStd.LongYear, 5) : (GoStd.UnderDay, 2);
            case '_' when At(l, i, "__2"):
                return (GoStd.UnderYearDay, 3);
            case '3':
                return (GoStd.Hour12, 1);
            case '4':
                return (GoStd.Minute, 1);
            case '5':
                return (GoStd.Second, 1);
            case 'P' when At(l, i, "PM"):
                return (GoStd.PM, 2);
            case 'p' when At(l, i, "pm"):
                return (GoStd.Pm, 2);
            case '-':
                return At(l, i, "-070000") ? (GoStd.NumSecondsTz, 7) : At(l, i, "-07:00:00") ? (GoStd.NumColonSecondsTZ, 9)
                    : At(l, i, "-0700") ? (GoStd.NumTZ, 5) : At(l, i, "-07:00") ? (GoStd.NumColonTZ, 6)
                    : At(l, i, "-07") ? (GoStd.NumShortTZ, 3) : (GoStd.None, 0);
            case 'Z':
                return At(l, i, "Z070000") ? (GoStd.Iso8601SecondsTZ, 7) : At(l, i, "Z07:00:00") ? (GoStd.Iso8601ColonSecondsTZ, 9)
                    : At(l, i, "Z0700") ? (GoStd.Iso8601TZ, 5) : At(l, i, "Z07:00") ? (GoStd.Iso8601ColonTZ, 6)
                    : At(l, i, "Z07") ? (GoStd.Iso8601ShortTZ, 3) : (GoStd.None, 0);
            case '.' or ',' when i + 1 < l.Length && l[i + 1] is '0' or '9':
                var ch = l[i + 1];
                var j = i + 1;
                while (j < l.Length && l[j] == ch)
                {
                    j++;
                }

                return j < l.Length && char.IsAsciiDigit(l[j]) ? (GoStd.None, 0)
                    : (ch == '0' ? GoStd.FracSecond0 : GoStd.FracSecond9, j - i);
            default:
                return (GoStd.None, 0);
        }
    }
}
