using System.Text;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>String and block-string tokens.</summary>
internal sealed partial class GqlLexer
{
    private GqlToken ReadString(int line, int col)
    {
        _pos++;
        var b = new StringBuilder();
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (c is '\n' or '\r')
            {
                break;
            }

            _pos++;
            if (c == '"')
            {
                return new GqlToken(GqlKind.String, b.ToString(), line, col);
            }

            if (c != '\\')
            {
                b.Append(c);
                continue;
            }

            var e = Peek();
            _pos++;
            switch (e)
            {
                case '"': b.Append('"'); break;
                case '\\': b.Append('\\'); break;
                case '/': b.Append('/'); break;
                case 'b': b.Append('\b'); break;
                case 'f': b.Append('\f'); break;
                case 'n': b.Append('\n'); break;
                case 'r': b.Append('\r'); break;
                case 't': b.Append('\t'); break;
                case 'u' when _pos + 4 <= _src.Length && int.TryParse(_src.AsSpan(_pos, 4), System.Globalization.NumberStyles.HexNumber, null, out var code):
                    b.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    return Invalid(line, col, $"Invalid character escape sequence: \\{e}.");
            }
        }

        return Invalid(_line, _pos - _lineStart + 1, "Unterminated string.");
    }

    private GqlToken ReadBlockString(int line, int col)
    {
        _pos += 3;
        var raw = new StringBuilder();
        while (_pos < _src.Length)
        {
            if (_src.AsSpan(_pos).StartsWith("\"\"\""))
            {
                _pos += 3;
                return new GqlToken(GqlKind.BlockString, BlockValue(raw.ToString()), line, col);
            }

            if (_src.AsSpan(_pos).StartsWith("\\\"\"\""))
            {
                raw.Append("\"\"\"");
                _pos += 4;
                continue;
            }

            var c = _src[_pos++];
            raw.Append(c);
            if (c == '\n' || (c == '\r' && Peek() != '\n'))
            {
                _line++;
                _lineStart = _pos;
            }
        }

        return Invalid(_line, _pos - _lineStart + 1, "Unterminated string.");
    }

    private static string BlockValue(string raw)
    {
        var lines = raw.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        int? common = null;
        for (var i = 1; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            if (indent < lines[i].Length && (common is null || indent < common))
            {
                common = indent;
            }
        }

        if (common is { } n)
        {
            for (var i = 1; i < lines.Length; i++)
            {
                lines[i] = lines[i].Length >= n ? lines[i][n..] : string.Empty;
            }
        }

        var list = lines.ToList();
        while (list.Count > 0 && list[0].Trim(' ', '\t').Length == 0)
        {
            list.RemoveAt(0);
        }

        while (list.Count > 0 && list[^1].Trim(' ', '\t').Length == 0)
        {
            list.RemoveAt(list.Count - 1);
        }

        return string.Join('\n', list);
    }
}
