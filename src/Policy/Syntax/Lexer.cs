using System.Text;

namespace AgentGate.Policy.Syntax;

/// <summary>Turns Rego source text into tokens (strings are unescaped; templates keep their raw body).</summary>
internal sealed class Lexer
{
    private static readonly string[] Puncts = [":=", "==", "!=", "<=", ">=", "{", "}", "[", "]", "(", ")", ",", ";", ".", ":", "=", "<", ">", "+", "-", "*", "/", "%", "|", "&"];

    private readonly string _src;
    private readonly string _file;
    private int _pos;
    private int _line = 1;
    private int _col = 1;

    public Lexer(string file, string src, int line = 1, int col = 1)
    {
        _file = file;
        _src = src;
        _line = line;
        _col = col;
    }

    /// <summary>The comments seen by <see cref="Tokenize"/>, in source order.</summary>
    public List<Comment> Comments { get; } = [];

    public List<Token> Tokenize()
    {
        var list = new List<Token>();
        var nl = true;
        while (true)
        {
            var space = false;
            while (_pos < _src.Length)
            {
                var c = _src[_pos];
                if (c == '\n')
                {
                    nl = true;
                    Advance();
                }
                else if (char.IsWhiteSpace(c))
                {
                    space = true;
                    Advance();
                }
                else if (c == '#')
                {
                    var (line, col, start) = (_line, _col, _pos + 1);
                    while (_pos < _src.Length && _src[_pos] != '\n')
                    {
                        Advance();
                    }

                    Comments.Add(new Comment(line, col, _src[start.._pos].TrimEnd('\r')));
                }
                else
                {
                    break;
                }
            }

            if (_pos >= _src.Length)
            {
                list.Add(new Token(TokenKind.Eof, string.Empty, _line, _col, true, true));
                return list;
            }

            list.Add(Next(nl, space || nl));
            nl = false;
        }
    }

    private void Advance()
    {
        if (_src[_pos] == '\n')
        {
            _line++;
            _col = 1;
        }
        else
        {
            _col++;
        }

        _pos++;
    }

    private ParseException Error(string msg) => new(_file, _line, _col, msg);

    private Token Next(bool nl, bool space)
    {
        var line = _line;
        var col = _col;
        var c = _src[_pos];
        if (c == '$' && _pos + 1 < _src.Length && _src[_pos + 1] is '"' or '`')
        {
            Advance();
            var raw = _src[_pos] == '`';
            var body = ReadTemplate(raw);
            return new Token(TokenKind.Template, body, line, col, nl, space, raw);
        }

        if (char.IsLetter(c) || c == '_')
        {
            var start = _pos;
            while (_pos < _src.Length && (char.IsLetterOrDigit(_src[_pos]) || _src[_pos] == '_'))
            {
                Advance();
            }

            return new Token(TokenKind.Ident, _src[start.._pos], line, col, nl, space);
        }

        if (char.IsAsciiDigit(c) || (c == '.' && _pos + 1 < _src.Length && char.IsAsciiDigit(_src[_pos + 1])))
        {
            var start = _pos;
            while (_pos < _src.Length && (char.IsAsciiDigit(_src[_pos]) || _src[_pos] == '.'))
            {
                Advance();
            }

            if (_pos < _src.Length && _src[_pos] is 'e' or 'E')
            {
                Advance();
                if (_pos < _src.Length && _src[_pos] is '+' or '-')
                {
                    Advance();
                }

                while (_pos < _src.Length && char.IsAsciiDigit(_src[_pos]))
                {
                    Advance();
                }
            }

            return new Token(TokenKind.Number, _src[start.._pos], line, col, nl, space);
        }

        if (c == '"')
        {
            return new Token(TokenKind.String, ReadString(), line, col, nl, space);
        }

        if (c == '`')
        {
            Advance();
            var start = _pos;
            while (_pos < _src.Length && _src[_pos] != '`')
            {
                Advance();
            }

            if (_pos >= _src.Length)
            {
                throw Error("unterminated raw string");
            }

            var s = _src[start.._pos];
            Advance();
            return new Token(TokenKind.String, s, line, col, nl, space, true);
        }

        foreach (var p in Puncts)
        {
            if (string.CompareOrdinal(_src, _pos, p, 0, p.Length) == 0)
            {
                for (var i = 0; i < p.Length; i++)
                {
                    Advance();
                }

                return new Token(TokenKind.Punct, p, line, col, nl, space);
            }
        }

        throw Error($"illegal token '{c}'");
    }

    private string ReadString()
    {
        Advance();
        var sb = new StringBuilder();
        while (true)
        {
            if (_pos >= _src.Length || _src[_pos] == '\n')
            {
                throw Error("non-terminated string");
            }

            var c = _src[_pos];
            if (c == '"')
            {
                Advance();
                return sb.ToString();
            }

            if (c == '\\')
            {
                Advance();
                sb.Append(ReadEscape());
                continue;
            }

            sb.Append(c);
            Advance();
        }
    }

    private string ReadEscape()
    {
        if (_pos >= _src.Length)
        {
            throw Error("non-terminated string");
        }

        var e = _src[_pos];
        Advance();
        switch (e)
        {
            case '"': return "\"";
            case '\\': return "\\";
            case '/': return "/";
            case 'b': return "\b";
            case 'f': return "\f";
            case 'n': return "\n";
            case 'r': return "\r";
            case 't': return "\t";
            case 'u':
                if (_pos + 4 > _src.Length || !int.TryParse(_src.AsSpan(_pos, 4), System.Globalization.NumberStyles.HexNumber, null, out var code))
                {
                    throw Error("invalid unicode escape");
                }

                for (var i = 0; i < 4; i++)
                {
                    Advance();
                }

                return ((char)code).ToString();
            default:
                throw Error($"illegal escape sequence '\\{e}'");
        }
    }

    /// <summary>Reads a template body up to its closing quote, keeping escapes and nested braces raw.</summary>
    private string ReadTemplate(bool raw)
    {
        var close = raw ? '`' : '"';
        Advance();
        var start = _pos;
        var depth = 0;
        while (true)
        {
            if (_pos >= _src.Length)
            {
                throw Error("non-terminated template string");
            }

            var c = _src[_pos];
            if (depth == 0)
            {
                if (c == close)
                {
                    var body = _src[start.._pos];
                    Advance();
                    return body;
                }

                if (c == '\\' && !raw)
                {
                    Advance();
                    Advance();
                    continue;
                }

                if (c == '\\' && raw && _pos + 1 < _src.Length && _src[_pos + 1] == '{')
                {
                    Advance();
                    Advance();
                    continue;
                }

                if (c == '{')
                {
                    depth = 1;
                }

                Advance();
                continue;
            }

            // Inside an embedded expression: skip nested strings and templates.
            if (c == '"' || c == '`')
            {
                SkipQuoted(c);
                continue;
            }

            if (c == '$' && _pos + 1 < _src.Length && _src[_pos + 1] is '"' or '`')
            {
                Advance();
                ReadTemplate(_src[_pos] == '`');
                continue;
            }

            if (c == '{')
            {
                depth++;
            }
            else if (c == '}')
            {
                depth--;
            }

            Advance();
        }
    }

    private void SkipQuoted(char q)
    {
        Advance();
        while (_pos < _src.Length && _src[_pos] != q)
        {
            if (q == '"' && _src[_pos] == '\\')
            {
                Advance();
            }

            Advance();
        }

        if (_pos < _src.Length)
        {
            Advance();
        }
    }
}
