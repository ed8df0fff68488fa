using System.Globalization;
using System.Text;

namespace AgentGate.Policy.Builtins.Core.Strings;

/// <summary>Go's strconv.Quote / QuoteRune / QuoteToASCII.</summary>
internal static class GoQuote
{
    public static string Quote(string s, bool ascii)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var r in s.EnumerateRunes())
        {
            Append(sb, r.Value, '"', ascii);
        }

        return sb.Append('"').ToString();
    }

    public static string QuoteRune(int r)
    {
        var sb = new StringBuilder("'");
        Append(sb, r, '\'', ascii: false);
        return sb.Append('\'').ToString();
    }

    private static void Append(StringBuilder sb, int r, char quote, bool ascii)
    {
        if (r == quote || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }

        if (ascii ? r is >= 0x20 and < 0x7F : IsPrint(r))
        {
            sb.Append(char.ConvertFromUtf32(r));
            return;
        }

        switch (r)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }

        if (r < 0x20 || r == 0x7F)
        {
            sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        }
        else if (r < 0x10000)
        {
            sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        }
        else
        {
            sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
        }
    }

    private static bool IsPrint(int r)
    {
        if (r == ' ')
        {
            return true;
        }

        var cat = CharUnicodeInfo.GetUnicodeCategory(r);
        return cat is not (UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);
    }
}
