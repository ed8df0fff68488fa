namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

internal sealed partial class Re2Translator
{
    private static readonly Dictionary<string, string> Posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z",
        ["alpha"] = "A-Za-z",
        ["ascii"] = "\\x00-\\x7F",
        ["blank"] = "\\t ",
        ["cntrl"] = "\\x00-\\x1F\\x7F",
        ["digit"] = "0-9",
        ["graph"] = "!-~",
        ["lower"] = "a-z",
        ["print"] = " -~",
        ["punct"] = "!-/:-@\\[-`{-~",
        ["space"] = "\\t\\n\\v\\f\\r ",
        ["upper"] = "A-Z",
        ["word"] = "0-9A-Za-z_",
        ["xdigit"] = "0-9A-Fa-f",
    };

    private void CharClass()
    {
        var start = _i;
        _i++;
        _out.Append('[');
        if (_i < _p.Length && _p[_i] == '^')
        {
            _out.Append('^');
            _i++;
        }

        var first = true;
        while (true)
        {
            if (_i >= _p.Length)
            {
                throw Error("missing closing ]", _p[start..]);
            }

            var c = _p[_i];
            if (c == ']' && !first)
            {
                _out.Append(']');
                _i++;
                return;
            }

            first = false;
            if (c == '[' && _i + 1 < _p.Length && _p[_i + 1] == ':')
            {
                var close = _p.IndexOf(":]", _i + 2, StringComparison.Ordinal);
                if (close > 0)
                {
                    var name = _p[(_i + 2)..close];
                    var neg = name.StartsWith('^');
                    if (Posix.TryGetValue(neg ? name[1..] : name, out var ranges))
                    {
                        // A negated POSIX class inside a class cannot be expressed as a range; use subtraction-free form.
                        _out.Append(neg ? PosixNegated(ranges) : ranges);
                        _i = close + 2;
                        continue;
                    }

                    throw Error("invalid character class range", _p[_i..(close + 2)]);
                }
            }

            if (c == '\\')
            {
                if (_i + 1 >= _p.Length)
                {
                    throw Error("missing closing ]", _p[start..]);
                }

                var e = _p[_i + 1];
                _i += 2;
                switch (e)
                {
                    case 'd': _out.Append("0-9"); break;
                    case 'w': _out.Append(Word); break;
                    case 's': _out.Append(Space); break;
                    case 'D': _out.Append("\\x00-/:-\\uFFFF"); break;
                    case 'W': _out.Append("\\x00-/:-@\\[-\\^`{-\\uFFFF"); break;
                    case 'S': _out.Append("\\x00-\\x08\\x0B\\x0E-\\x1F!-\\uFFFF"); break;
                    case 'p' or 'P': _out.Append(UnicodeClass(e)); break;
                    default: _out.Append(SimpleEscape(e)); break;
                }

                continue;
            }

            if (c is '[' or '&' or '~' or '|')
            {
                _out.Append('\\').Append(c);
                _i++;
                continue;
            }

            if (c == '-' && _i + 1 < _p.Length && _p[_i + 1] != ']' && _out[^1] != '[' && _out[^1] != '^')
            {
                var lo = LastLiteral();
                var hi = _p[_i + 1];
                if (lo is { } l && hi != '\\' && hi < l)
                {
                    throw Error("invalid character class range", $"{l}-{hi}");
                }
            }

            var len = char.IsSurrogatePair(_p, _i) ? 2 : 1;
            _out.Append(_p, _i, len);
            _i += len;
        }
    }

    private char? LastLiteral() => _out.Length > 0 && _out[^1] is var ch && (_out.Length < 2 || _out[^2] != '\\') ? ch : null;

    private static string PosixNegated(string ranges) => ranges switch
    {
        "0-9" => "\\x00-/:-\\uFFFF",
        _ => "\\x00-\\uFFFF",
    };
}
