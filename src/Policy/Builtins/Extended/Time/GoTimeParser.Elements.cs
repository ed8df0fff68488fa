using System.Globalization;
using System.Numerics;

namespace AgentGate.Policy.Builtins.Extended.Time;

/// <summary>Element readers for Go layouts.</summary>
internal static partial class GoTimeParser
{
    private static bool Lookup(ref string value, string[] names, bool shortForm, out int index)
    {
        for (index = 0; index < names.Length; index++)
        {
            var name = shortForm ? names[index][..3] : names[index];
            if (value.StartsWith(name, StringComparison.OrdinalIgnoreCase))
            {
                value = value[name.Length..];
                index++;
                return true;
            }
        }

        return false;
    }

    private static bool AmPm(ref string value, string pmText, string amText, ref bool pm, ref bool am)
    {
        if (value.StartsWith(pmText, StringComparison.Ordinal))
        {
            pm = true;
        }
        else if (value.StartsWith(amText, StringComparison.Ordinal))
        {
            am = true;
        }
        else
        {
            return false;
        }

        value = value[2..];
        return true;
    }

    private static bool ImplicitFraction(ref string value, GoChunk next, ref int nanos)
    {
        if (value.Length < 2 || value[0] is not ('.' or ',') || !char.IsAsciiDigit(value[1])
            || next.Std is GoStd.FracSecond0 or GoStd.FracSecond9)
        {
            return true;
        }

        return Fraction(ref value, -1, ref nanos);
    }

    private static bool Fraction(ref string value, int digits, ref int nanos)
    {
        if (value.Length < 1 || value[0] is not ('.' or ','))
        {
            return false;
        }

        var n = 1;
        while (n < value.Length && char.IsAsciiDigit(value[n]) && (digits < 0 || n <= digits))
        {
            n++;
        }

        if ((digits >= 0 && n != digits + 1) || n - 1 > 9 || n == 1)
        {
            return false;
        }

        nanos = int.Parse(value.AsSpan(1, n - 1).ToString().PadRight(9, '0'), CultureInfo.InvariantCulture);
        value = value[n..];
        return true;
    }

    private static bool Abbreviation(ref string value, ref int offset)
    {
        var n = 0;
        while (n < value.Length && char.IsAsciiLetterUpper(value[n]))
        {
            n++;
        }

        if (n < 3 || n > 5)
        {
            return false;
        }

        offset = 0;
        value = value[n..];
        return true;
    }

    private static bool Zone(ref string value, GoStd std, ref int offset)
    {
        var iso = std is GoStd.Iso8601TZ or GoStd.Iso8601SecondsTZ or GoStd.Iso8601ShortTZ or GoStd.Iso8601ColonTZ or GoStd.Iso8601ColonSecondsTZ;
        if (iso && value.StartsWith('Z'))
        {
            value = value[1..];
            offset = 0;
            return true;
        }

        if (value.Length < 3 || value[0] is not ('+' or '-'))
        {
            return false;
        }

        var colon = std is GoStd.Iso8601ColonTZ or GoStd.Iso8601ColonSecondsTZ or GoStd.NumColonTZ or GoStd.NumColonSecondsTZ;
        var withSeconds = std is GoStd.Iso8601SecondsTZ or GoStd.Iso8601ColonSecondsTZ or GoStd.NumSecondsTz or GoStd.NumColonSecondsTZ;
        var shortZone = std is GoStd.Iso8601ShortTZ or GoStd.NumShortTZ;
        var sign = value[0] == '-' ? -1 : 1;
        var rest = value[1..];
        int mm = 0, ss = 0;
        if (!Num(ref rest, 2, 2, out var hh)
            || (!shortZone && !(Sep(ref rest, colon) && Num(ref rest, 2, 2, out mm)))
            || (withSeconds && !(Sep(ref rest, colon) && Num(ref rest, 2, 2, out ss))))
        {
            return false;
        }

        offset = sign * ((hh * 3600) + (mm * 60) + ss);
        value = rest;
        return true;
    }

    private static bool Sep(ref string value, bool colon)
    {
        if (!colon)
        {
            return true;
        }

        if (!value.StartsWith(':'))
        {
            return false;
        }

        value = value[1..];
        return true;
    }
}
