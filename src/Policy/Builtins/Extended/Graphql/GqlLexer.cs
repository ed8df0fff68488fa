using System.Text;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>GraphQL lexer following gqlparser: commas are whitespace, comments skipped, block strings dedented.</summary>
internal sealed partial class GqlLexer
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

}
