using System.Text;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>GraphQL lexer following gqlparser: commas are whitespace, comments skipped, block strings dedented.</summary>
internal sealed class GqlLexer
{
    private readonly string _src;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    public GqlLexer(string source) => _src = source;

    public GqlToken Read()
    {
        SkipIgnored();
        var line = _line;
        var col = _pos - _lineStart + 1;
        if (_pos >= _src.Length)
        {
            return new GqlToken(GqlKind.Eof, string.Empty, line, col);
        }

        var c = _src[_pos];
        GqlKind? punct = c switch
        {
            '!' => GqlKind.Bang, '$' => GqlKind.Dollar, '&' => GqlKind.Amp, '(' => GqlKind.ParenL, ')' => GqlKind.ParenR,
            ':' => GqlKind.Colon, '=' => GqlKind.Equals, '@' => GqlKind.At, '[' => GqlKind.BracketL, ']' => GqlKind.BracketR,
            '{' => GqlKind.BraceL, '}' => GqlKind.BraceR, '|' => GqlKind.Pipe, _ => null,
        };
        if (punct is { } kind)
        {
            _pos++;
            return new GqlToken(kind, string.Empty, line, col);
        }

        if (c == '.')
        {
            if (_pos + 2 < _src.Length + 0 && _src.AsSpan(_pos).StartsWith("..."))
            {
                _pos += 3;
                return new GqlToken(GqlKind.Spread, string.Empty, line, col);
            }

            return Invalid(line, col, "Unexpected character \".\"");
        }

        if (c == '_' || char.IsAsciiLetter(c))
        {
            var start = _pos;
            while (_pos < _src.Length && (_src[_pos] == '_' || char.IsAsciiLetterOrDigit(_src[_pos])))
            {
                _pos++;
            }

            return new GqlToken(GqlKind.Name, _src[start.._pos], line, col);
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            return ReadNumber(line, col);
        }

        if (c == '"')
        {
            return _src.AsSpan(_pos).StartsWith("\"\"\"") ? ReadBlockString(line, col + 3) : ReadString(line, col + 1);
        }

        return Invalid(line, col, $"Cannot parse the unexpected character \"{c}\".");
    }

    private GqlToken Invalid(int line, int col, string error) => new(GqlKind.Invalid, string.Empty, line, col, error);

    private void SkipIgnored()
    {
        while (_pos < _src.Length)
        {
            var c = _src[_pos];
            if (c is ' ' or '\t' or ',' or '\uFEFF')
            {
                _pos++;
            }
            else if (c == '\n' || c == '\r')
            {
                _pos += c == '\r' && _pos + 1 < _src.Length && _src[_pos + 1] == '\n' ? 2 : 1;
                _line++;
                _lineStart = _pos;
            }
            else if (c == '#')
            {
                while (_pos < _src.Length && _src[_pos] is not ('\n' or '\r'))
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    private GqlToken ReadNumber(int line, int col)
    {
        var start = _pos;
        var isFloat = false;
        if (Peek() == '-')
        {
            _pos++;
        }

        if (Peek() == '0')
        {
            _pos++;
            if (char.IsAsciiDigit(Peek()))
            {
                return Invalid(line, col, $"Invalid number, unexpected digit after 0: \"{Peek()}\".");
            }
        }
        else if (!Digits())
        {
            return Invalid(line, col, "Invalid number, expected digit but got: " + Describe());
        }

        if (Peek() == '.')
        {
            isFloat = true;
            _pos++;
            if (!Digits())
            {
                return Invalid(line, col, "Invalid number, expected digit but got: " + Describe());
            }
        }

        if (Peek() is 'e' or 'E')
        {
            isFloat = true;
            _pos++;
            if (Peek() is '+' or '-')
            {
                _pos++;
            }

            if (!Digits())
            {
                return Invalid(line, col, "Invalid number, expected digit but got: " + Describe());
            }
        }

        return new GqlToken(isFloat ? GqlKind.Float : GqlKind.Int, _src[start.._pos], line, col);
    }

    private bool Digits()
    {
        var start = _pos;
        while (char.IsAsciiDigit(Peek()))
        {
            _pos++;
        }

        return _pos > start;
    }

    private char Peek() => _pos < _src.Length ? _src[_pos] : '\0';

    private string Describe() => _pos < _src.Length ? $"\"{_src[_pos]}\"." : "<EOF>.";

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
