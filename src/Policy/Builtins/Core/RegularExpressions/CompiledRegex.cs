using System.Text;
using System.Text.RegularExpressions;

namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

/// <summary>A translated RE2 pattern with Go's FindAll/Split/Expand semantics.</summary>
internal sealed class CompiledRegex(Regex regex, IReadOnlyList<string?> groupNames)
{
    public Regex Regex { get; } = regex;

    public bool IsMatch(string s) => Regex.IsMatch(s);

    /// <summary>Go's FindAll: successive non-overlapping matches; an empty match right after a match is skipped.</summary>
    public List<Match> FindAll(string s, int n)
    {
        var result = new List<Match>();
        if (n == 0)
        {
            return result;
        }

        var prevEnd = -1;
        for (var m = Regex.Match(s); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0 && m.Index == prevEnd)
            {
                continue;
            }

            result.Add(m);
            prevEnd = m.Index + m.Length;
            if (n > 0 && result.Count == n)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Go's Regexp.Split(s, -1).</summary>
    public List<string> Split(string s, bool emptyPattern)
    {
        var parts = new List<string>();
        if (s.Length == 0 && !emptyPattern)
        {
            parts.Add(string.Empty);
            return parts;
        }

        int beg = 0, end = 0;
        foreach (var m in FindAll(s, -1))
        {
            end = m.Index;
            if (m.Index + m.Length != 0)
            {
                parts.Add(s[beg..end]);
            }

            beg = m.Index + m.Length;
        }

        if (end != s.Length)
        {
            parts.Add(s[beg..]);
        }

        return parts;
    }

    /// <summary>
    /// OPA's regex.replace: repeatedly finds the first match in the rest of the text (so anchors apply to each
    /// remainder) and appends the Go-expanded template; an empty match copies one character to make progress.
    /// </summary>
    public string ReplaceAll(string s, string template)
    {
        var sb = new StringBuilder(s.Length);
        var start = 0;
        while (start <= s.Length)
        {
            var rest = s[start..];
            var m = Regex.Match(rest);
            if (!m.Success)
            {
                sb.Append(rest);
                break;
            }

            sb.Append(rest, 0, m.Index);
            Expand(sb, template, m);
            if (m.Length > 0)
            {
                start += m.Index + m.Length;
                continue;
            }

            var at = start + m.Index;
            if (at >= s.Length)
            {
                break;
            }

            var step = char.IsHighSurrogate(s[at]) && at + 1 < s.Length ? 2 : 1;
            sb.Append(s, at, step);
            start = at + step;
        }

        return sb.ToString();
    }

    private void Expand(StringBuilder sb, string template, Match m)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length)
            {
                sb.Append(c);
                continue;
            }

            if (template[i + 1] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }

            string name;
            var j = i + 1;
            if (template[j] == '{')
            {
                var close = template.IndexOf('}', j);
                if (close < 0)
                {
                    sb.Append(c);
                    continue;
                }

                name = template[(j + 1)..close];
                j = close + 1;
            }
            else
            {
                while (j < template.Length && (char.IsAsciiLetterOrDigit(template[j]) || template[j] == '_'))
                {
                    j++;
                }

                name = template[(i + 1)..j];
            }

            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                sb.Append(c);
                continue;
            }

            sb.Append(GroupText(m, name));
            i = j - 1;
        }
    }

    private string GroupText(Match m, string name)
    {
        int index;
        if (name.All(char.IsAsciiDigit))
        {
            index = name.Length > 6 ? -1 : int.Parse(name, System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            index = groupNames is List<string?> list ? list.IndexOf(name) : -1;
        }

        return index >= 0 && index < m.Groups.Count && m.Groups[index].Success ? m.Groups[index].Value : string.Empty;
    }
}
