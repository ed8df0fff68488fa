using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

internal sealed partial class Re2Translator
{
    private void OpenGroup()
    {
        _flags.Push(_cur);
        if (_i + 1 < _p.Length && _p[_i + 1] == '?')
        {
            var rest = _p[(_i + 2)..];
            if (rest.StartsWith("P<", StringComparison.Ordinal) || (rest.StartsWith('<') && !rest.StartsWith("<=", StringComparison.Ordinal) && !rest.StartsWith("<!", StringComparison.Ordinal)))
            {
                var nameStart = _i + 2 + (rest[0] == 'P' ? 2 : 1);
                var close = _p.IndexOf('>', nameStart);
                var name = close < 0 ? string.Empty : _p[nameStart..close];
                if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
                {
                    throw Error("invalid named capture", _p[_i..(close < 0 ? _p.Length : close + 1)]);
                }

                if (_groupNames.Contains(name))
                {
                    throw Error("duplicate capture group name", name);
                }

                _groupNames.Add(name);
                _out.Append('(');
                _i = close + 1;
                NotAtom();
                return;
            }

            // Flags: (?flags) or (?flags:re)
            var j = _i + 2;
            var flagsOut = new StringBuilder();
            var neg = false;
            var sawFlag = false;
            for (; j < _p.Length && _p[j] is not (')' or ':'); j++)
            {
                var f = _p[j];
                switch (f)
                {
                    case 'i' or 's':
                        flagsOut.Append(f);
                        sawFlag = true;
                        break;
                    case 'm':
                        _cur.Multiline = !neg;
                        sawFlag = true;
                        break;
                    case 'U':
                        _cur.Ungreedy = !neg;
                        sawFlag = true;
                        break;
                    case '-' when !neg:
                        neg = true;
                        flagsOut.Append('-');
                        break;
                    default:
                        throw Error("invalid or unsupported Perl syntax", _p[_i..Math.Min(j + 1, _p.Length)]);
                }
            }

            if (j >= _p.Length || (neg && !sawFlag) || (!sawFlag && _p[j] == ')'))
            {
                throw Error("missing argument to repetition operator", _p[_i..Math.Min(j + 1, _p.Length)]);
            }

            var text = flagsOut.ToString().TrimEnd('-');
            if (_p[j] == ')')
            {
                // A bare flag group applies to the rest of the enclosing group.
                var outer = _flags.Pop();
                _ = outer;
                if (text.Length > 0)
                {
                    _out.Append("(?").Append(text).Append(')');
                }

                _i = j + 1;
                NotAtom();
                return;
            }

            _out.Append("(?").Append(text).Append(':');
            _i = j + 1;
            NotAtom();
            return;
        }

        _groupNames.Add(null);
        _out.Append('(');
        _i++;
        NotAtom();
    }

    private void Escape()
    {
        if (_i + 1 >= _p.Length)
        {
            throw Error("trailing backslash at end of expression", string.Empty);
        }

        var c = _p[_i + 1];
        _i += 2;
        switch (c)
        {
            case 'd': _out.Append("[0-9]"); break;
            case 'D': _out.Append("[^0-9]"); break;
            case 'w': _out.Append('[').Append(Word).Append(']'); break;
            case 'W': _out.Append("[^").Append(Word).Append(']'); break;
            case 's': _out.Append('[').Append(Space).Append(']'); break;
            case 'S': _out.Append("[^").Append(Space).Append(']'); break;
            case 'b' or 'B':
                _out.Append('\\').Append(c);
                NotAtom();
                return;
            case 'A':
                _out.Append("\\A");
                NotAtom();
                return;
            case 'z':
                _out.Append("\\z");
                NotAtom();
                return;
            case 'Q':
                var end = _p.IndexOf("\\E", _i, StringComparison.Ordinal);
                var lit = end < 0 ? _p[_i..] : _p[_i..end];
                _out.Append("(?:").Append(Regex.Escape(lit)).Append(')');
                _i = end < 0 ? _p.Length : end + 2;
                break;
            case 'p' or 'P':
                _out.Append(UnicodeClass(c));
                break;
            case 'C':
                _out.Append("[\\s\\S]");
                break;
            default:
                _out.Append(SimpleEscape(c));
                break;
        }

        Atom();
    }

    /// <summary>An escape valid both outside and inside classes: punctuation, control letters, hex and octal.</summary>
    private string SimpleEscape(char c)
    {
        switch (c)
        {
            case 'a' or 'f' or 't' or 'n' or 'r' or 'v':
                return "\\" + c;
            case 'x':
                if (_i < _p.Length && _p[_i] == '{')
                {
                    var close = _p.IndexOf('}', _i);
                    if (close < 0 || !int.TryParse(_p.AsSpan(_i + 1, close - _i - 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var cp) || cp > 0x10FFFF)
                    {
                        throw Error("invalid escape sequence", _p[(_i - 2)..Math.Min(close + 1, _p.Length)]);
                    }

                    _i = close + 1;
                    return Literal(cp);
                }

                if (_i + 2 <= _p.Length && int.TryParse(_p.AsSpan(_i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hx))
                {
                    _i += 2;
                    return Literal(hx);
                }

                throw Error("invalid escape sequence", "\\x");
            case >= '0' and <= '7' when c == '0' || (_i < _p.Length && _p[_i] is >= '0' and <= '7'):
                var start = _i - 1;
                var n = 0;
                while (_i < _p.Length && _i - start < 3 && _p[_i] is >= '0' and <= '7')
                {
                    _i++;
                }

                foreach (var d in _p[start.._i])
                {
                    n = (n * 8) + (d - '0');
                }

                return Literal(n);
            default:
                if (c < 0x80 && !char.IsAsciiLetterOrDigit(c) && c != '_')
                {
                    return "\\" + c;
                }

                throw Error("invalid escape sequence", "\\" + c);
        }
    }

    private static string Literal(int cp) =>
        Regex.Escape(char.ConvertFromUtf32(cp)).Replace("]", "\\]", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal);
}
