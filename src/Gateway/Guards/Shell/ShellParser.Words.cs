using System.Globalization;
using System.Text;

namespace AgentGate.Gateway.Guards.Shell;

internal sealed partial class ShellParser
{
    private ShellWord LexWord()
    {
        var w = new ShellWord();
        var sb = w.Builder;
        var prefixBroken = false;
        var braceDepth = 0;
        var braceList = false;
        if (_s[_pos] is '<' or '>')
        {
            _pos += 2;
            CommandSubstitution(sb, _pos - 2);
            w.Dynamic = true;
            prefixBroken = true;
        }

        while (_pos < _s.Length && !IsMeta(_s[_pos]))
        {
            var c = _s[_pos];
            var before = sb.Length;
            switch (c)
            {
                case '\\':
                    if (_pos + 1 < _s.Length && _s[_pos + 1] == '\n')
                    {
                        _pos += 2;
                        continue;
                    }

                    sb.Append(_pos + 1 < _s.Length ? _s[_pos + 1] : '\\');
                    _pos += 2;
                    w.Quoted = true;
                    prefixBroken = true;
                    break;
                case '\'':
                    var close = _s.IndexOf('\'', _pos + 1);
                    if (close < 0)
                    {
                        throw new ShellRefusalException("unterminated single quote");
                    }

                    var lit = _s[(_pos + 1)..close];
                    NoteLiteral(lit);
                    sb.Append(lit);
                    _pos = close + 1;
                    w.Quoted = true;
                    prefixBroken = true;
                    break;
                case '"':
                    _pos++;
                    DoubleQuoted(w, heredoc: false);
                    w.Quoted = true;
                    prefixBroken = true;
                    break;
                case '$':
                    if (Dollar(w, inQuotes: false))
                    {
                        prefixBroken = true;
                    }

                    break;
                case '`':
                    Backtick(sb);
                    w.Dynamic = true;
                    prefixBroken = true;
                    break;
                default:
                    if (c == '=' && !prefixBroken && _pos + 1 < _s.Length && _s[_pos + 1] == '(' && IsAssignmentName(sb.ToString()))
                    {
                        sb.Append('=');
                        _pos++;
                        w.LiteralPrefix = sb.Length;
                        ArrayLiteral(sb);
                        w.Dynamic = true;
                        prefixBroken = true;
                        continue;
                    }

                    if (c is '*' or '?' or '[')
                    {
                        w.Glob = true;
                    }
                    else if (c == '{')
                    {
                        braceDepth++;
                    }
                    else if (braceDepth > 0 && (c == ',' || (c == '.' && _pos + 1 < _s.Length && _s[_pos + 1] == '.')))
                    {
                        braceList = true;
                    }
                    else if (c == '}' && braceDepth > 0)
                    {
                        braceDepth--;
                        w.BraceExpansion |= braceList;
                    }

                    sb.Append(c);
                    _pos++;
                    break;
            }

            if (!prefixBroken && sb.Length > before)
            {
                w.LiteralPrefix = sb.Length;
            }
        }

        w.Text = sb.ToString();
        return w;
    }

    private static bool IsAssignmentName(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_' || ch == '+');

    private void NoteLiteral(string literal)
    {
        if (literal.Contains("$(", StringComparison.Ordinal) || literal.Contains('`', StringComparison.Ordinal))
        {
            _ctx.HasCodeInLiteral = true;
        }
    }

    private void ArrayLiteral(StringBuilder sb)
    {
        var start = _pos;
        _pos++;
        _ctx.Enter();
        while (true)
        {
            var t = Next();
            if (t.IsOp(")"))
            {
                break;
            }

            if (t.Kind is not (ShellTokenKind.Word or ShellTokenKind.Newline))
            {
                throw new ShellRefusalException("unterminated or malformed array assignment");
            }
        }

        _ctx.Leave();
        sb.Append(_s, start, _pos - start);
    }

    /// <summary>Reads a double-quoted part (after the opening quote), or a whole here-doc body.</summary>
    private void DoubleQuoted(ShellWord w, bool heredoc)
    {
        var sb = w.Builder;
        while (true)
        {
            if (_pos >= _s.Length)
            {
                if (heredoc)
                {
                    return;
                }

                throw new ShellRefusalException("unterminated double quote");
            }

            var c = _s[_pos];
            if (c == '"' && !heredoc)
            {
                _pos++;
                return;
            }

            if (c == '\\' && _pos + 1 < _s.Length && (_s[_pos + 1] is '$' or '`' or '\\' or '\n' || (!heredoc && _s[_pos + 1] == '"')))
            {
                if (_s[_pos + 1] != '\n')
                {
                    sb.Append(_s[_pos + 1]);
                }

                _pos += 2;
            }
            else if (c == '$')
            {
                Dollar(w, inQuotes: true);
            }
            else if (c == '`')
            {
                Backtick(sb);
                w.Dynamic = true;
            }
            else
            {
                sb.Append(c);
                _pos++;
            }
        }
    }

    private void ScanHereDocBody() => DoubleQuoted(new ShellWord(), heredoc: true);

    /// <summary>Handles '$' at <see cref="_pos"/>; returns true when it was an expansion or quoting.</summary>
    private bool Dollar(ShellWord w, bool inQuotes)
    {
        var sb = w.Builder;
        var start = _pos;
        var n = _pos + 1 < _s.Length ? _s[_pos + 1] : '\0';
        if (n == '\'' && !inQuotes)
        {
            _pos += 2;
            AnsiC(sb);
            w.Quoted = true;
            return true;
        }

        if (n == '"' && !inQuotes)
        {
            _pos += 2;
            DoubleQuoted(w, heredoc: false);
            w.Quoted = true;
            return true;
        }

        w.Dynamic = true;
        if (n == '(' && _pos + 2 < _s.Length && _s[_pos + 2] == '(')
        {
            _pos += 3;
            Arithmetic(start);
        }
        else if (n == '(')
        {
            _pos += 2;
            CommandSubstitution(sb, start);
            return true;
        }
        else if (n == '{')
        {
            _pos += 2;
            ParameterExpansion(inQuotes);
        }
        else if (char.IsAsciiLetter(n) || n == '_')
        {
            _pos++;
            while (_pos < _s.Length && (char.IsAsciiLetterOrDigit(_s[_pos]) || _s[_pos] == '_'))
            {
                _pos++;
            }
        }
        else if (char.IsAsciiDigit(n) || n is '@' or '*' or '#' or '?' or '-' or '$' or '!')
        {
            _pos += 2;
        }
        else
        {
            w.Dynamic = false;
            sb.Append('$');
            _pos++;
            return false;
        }

        sb.Append(_s, start, _pos - start);
        return true;
    }

    private void CommandSubstitution(StringBuilder sb, int start)
    {
        _ctx.Enter();
        var saved = _peek;
        _peek = null;
        ParseList();
        if (!Next().IsOp(")"))
        {
            throw new ShellRefusalException("unterminated command substitution '$('");
        }

        _peek = saved;
        _ctx.Leave();
        sb.Append(_s, start, _pos - start);
    }

    private void Arithmetic(int start)
    {
        _ctx.UsesArithmetic = true;
        var depth = 2;
        while (_pos < _s.Length && depth > 0)
        {
            var c = _s[_pos];
            if (c == '$' && _pos + 1 < _s.Length && _s[_pos + 1] == '(' || c == '`')
            {
                throw new ShellRefusalException("command substitution inside arithmetic is not supported");
            }

            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            _pos++;
        }

        if (depth != 0)
        {
            throw new ShellRefusalException($"unterminated arithmetic at offset {start}");
        }
    }

    private void ParameterExpansion(bool inQuotes)
    {
        var inner = new ShellWord();
        var bodyStart = _pos;
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw new ShellRefusalException("unterminated '${'");
            }

            var c = _s[_pos];
            if (c == '}')
            {
                break;
            }

            switch (c)
            {
                case '\\':
                    _pos += 2;
                    break;
                case '\'' when !inQuotes:
                    var close = _s.IndexOf('\'', _pos + 1);
                    _pos = close < 0 ? throw new ShellRefusalException("unterminated single quote") : close + 1;
                    break;
                case '"':
                    _pos++;
                    DoubleQuoted(inner, heredoc: false);
                    break;
                case '$':
                    Dollar(inner, inQuotes);
                    break;
                case '`':
                    Backtick(inner.Builder);
                    break;
                default:
                    _pos++;
                    break;
            }
        }

        if (_s.AsSpan(bodyStart, _pos - bodyStart).EndsWith("@P"))
        {
            throw new ShellRefusalException("prompt expansion '${…@P}' can run command substitutions from a variable");
        }

        _pos++;
    }

    private void Backtick(StringBuilder sb)
    {
        var start = _pos;
        _pos++;
        var inner = new StringBuilder();
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw new ShellRefusalException("unterminated backtick substitution");
            }

            var c = _s[_pos];
            if (c == '`')
            {
                _pos++;
                break;
            }

            if (c == '\\' && _pos + 1 < _s.Length && _s[_pos + 1] is '$' or '`' or '\\')
            {
                inner.Append(_s[_pos + 1]);
                _pos += 2;
                continue;
            }

            inner.Append(c);
            _pos++;
        }

        _ctx.Enter();
        new ShellParser(inner.ToString(), _ctx, _wrappers).ParseScript();
        _ctx.Leave();
        sb.Append(_s, start, _pos - start);
    }

    private void AnsiC(StringBuilder sb)
    {
        while (true)
        {
            if (_pos >= _s.Length)
            {
                throw new ShellRefusalException("unterminated $'…' quote");
            }

            var c = _s[_pos++];
            if (c == '\'')
            {
                return;
            }

            if (c != '\\' || _pos >= _s.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = _s[_pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'v': sb.Append('\v'); break;
                case 'e' or 'E': sb.Append('\u001b'); break;
                case 'x': sb.Append(HexEscape(2)); break;
                case 'u': sb.Append(HexEscape(4)); break;
                case 'U': sb.Append(HexEscape(8)); break;
                case 'c' when _pos < _s.Length: sb.Append((char)(_s[_pos++] & 0x1f)); break;
                case >= '0' and <= '7':
                    var v = e - '0';
                    for (var i = 0; i < 2 && _pos < _s.Length && _s[_pos] is >= '0' and <= '7'; i++)
                    {
                        v = (v * 8) + (_s[_pos++] - '0');
                    }

                    sb.Append((char)(v & 0xFF));
                    break;
                default: sb.Append(e); break;
            }
        }
    }

    private string HexEscape(int max)
    {
        var end = _pos;
        while (end < _s.Length && end - _pos < max && char.IsAsciiHexDigit(_s[end]))
        {
            end++;
        }

        if (end == _pos)
        {
            return "\\x";
        }

        var value = int.Parse(_s.AsSpan(_pos, end - _pos), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        _pos = end;
        return value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF) ? char.ConvertFromUtf32(value) : "\uFFFD";
    }
}
