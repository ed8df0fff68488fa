using System.Text.Json;
using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Core;

internal sealed partial class MiniRego
{
    private static readonly string[] Ops = [":=", "==", "!=", ">=", "<=", "=", ">", "<"];

    private List<Stmt> ParseBody(string body)
    {
        var stmts = new List<Stmt>();
        foreach (var raw in SplitTopLevel(body, '\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var not = line.StartsWith("not ", StringComparison.Ordinal);
            if (not)
            {
                line = line[4..].Trim();
            }

            var (left, op, right) = SplitOp(line);
            stmts.Add(new Stmt(not, ParseTerm(left), op, right is null ? null : ParseTerm(right)));
        }

        return stmts;
    }

    private static (string Left, string? Op, string? Right) SplitOp(string s)
    {
        var depth = 0;
        var inString = false;
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (inString)
            {
                i += ch == '\\' ? 1 : 0;
                inString = ch != '"';
                continue;
            }

            switch (ch)
            {
                case '"': inString = true; continue;
                case '[' or '{' or '(': depth++; continue;
                case ']' or '}' or ')': depth--; continue;
            }

            if (depth == 0 && ch == ' ')
            {
                foreach (var op in Ops)
                {
                    if (string.CompareOrdinal(s, i + 1, op + " ", 0, op.Length + 1) == 0)
                    {
                        return (s[..i], op, s[(i + op.Length + 2)..]);
                    }
                }
            }
        }

        return (s, null, null);
    }

    private Term ParseTerm(string s)
    {
        s = s.Trim();
        if (s.Length == 0)
        {
            throw new FormatException("empty term");
        }

        if (s[0] == '[' && !s.Contains('|', StringComparison.Ordinal))
        {
            var inner = SplitTopLevel(s[1..^1], ',').Where(p => p.Trim().Length > 0).Select(ParseTerm).ToList();
            return inner.All(t => t is Lit) ? new Lit(ArrayValue.From(inner.Select(t => ((Lit)t).Value))) : new Arr(inner);
        }

        if (s[0] is '{' or '"' or '`' or '-' or '.' || char.IsAsciiDigit(s[0]) || s is "true" or "false" or "null" or "set()")
        {
            if (s.Contains('|', StringComparison.Ordinal) && s[0] == '{')
            {
                throw new FormatException("comprehension");
            }

            return new Lit(TermText.Parse(s[0] == '`' ? JsonSerializer.Serialize(s.Trim('`')) : s));
        }

        if (s.StartsWith("data.", StringComparison.Ordinal) || s.StartsWith("input", StringComparison.Ordinal))
        {
            return new Lit(Resolve(s) ?? throw new FormatException("unresolved " + s));
        }

        var paren = s.IndexOf('(', StringComparison.Ordinal);
        if (paren > 0 && s[^1] == ')')
        {
            var name = s[..paren];
            if (!BuiltinTable.Default.TryGet(name, out var def))
            {
                throw new FormatException("unknown builtin " + name);
            }

            var args = SplitTopLevel(s[(paren + 1)..^1], ',').Where(p => p.Trim().Length > 0).Select(ParseTerm).ToList();
            return new Call(def, args);
        }

        return s.All(ch => char.IsLetterOrDigit(ch) || ch == '_') ? new Var(s) : throw new FormatException("unsupported term " + s);
    }

    private Value? Resolve(string reference)
    {
        var parts = reference.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        Value? cur = parts[0] == "input" ? _input : _data;
        foreach (var part in parts.Skip(1))
        {
            cur = cur switch
            {
                ObjectValue o => o.Get(StringValue.From(part)),
                ArrayValue a when int.TryParse(part, out var idx) && idx < a.Count => a[idx],
                _ => throw new FormatException("unresolved " + reference),
            };
        }

        return cur;
    }

    private static List<string> SplitTopLevel(string s, char sep)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        var inString = false;
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (inString)
            {
                if (ch == '\\')
                {
                    i++;
                }
                else if (ch == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (ch == '"')
            {
                inString = true;
            }
            else if (ch is '[' or '{' or '(')
            {
                depth++;
            }
            else if (ch is ']' or '}' or ')')
            {
                depth--;
            }
            else if (ch == sep && depth == 0)
            {
                parts.Add(s[start..i]);
                start = i + 1;
            }
        }

        parts.Add(s[start..]);
        return parts;
    }
}
