using System.Text;

namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

/// <summary>Templates like <c>urn:foo:{.*}</c>: delimited parts are regexes, the rest is literal; anchored at both ends.</summary>
internal static class RegexTemplate
{
    public static string ToPattern(string builtin, string template, char open, char close)
    {
        var sb = new StringBuilder("^");
        var i = 0;
        while (i < template.Length)
        {
            var s = template.IndexOf(open, i);
            if (s < 0)
            {
                sb.Append(QuoteMeta(template[i..]));
                break;
            }

            sb.Append(QuoteMeta(template[i..s]));
            var depth = 0;
            var e = s;
            for (; e < template.Length; e++)
            {
                if (template[e] == open)
                {
                    depth++;
                }
                else if (template[e] == close && --depth == 0)
                {
                    break;
                }
            }

            if (e >= template.Length)
            {
                throw CoreErrors.Builtin(builtin, $"unbalanced braces in {template}");
            }

            sb.Append('(').Append(template, s + 1, e - s - 1).Append(')');
            i = e + 1;
        }

        return sb.Append('$').ToString();
    }

    /// <summary>Go's regexp.QuoteMeta.</summary>
    public static string QuoteMeta(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
