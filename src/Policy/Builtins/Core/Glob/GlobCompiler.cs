using System.Text;
using System.Text.RegularExpressions;

namespace AgentGate.Policy.Builtins.Core.Glob;

/// <summary>
/// Compiles gobwas/glob patterns to anchored .NET regexes: <c>*</c> (any run of non-separators), <c>**</c> (any run),
/// <c>?</c> (one non-separator), <c>[abc]</c>/<c>[!a-z]</c> lists, <c>{a,b}</c> alternatives and <c>\</c> escapes.
/// </summary>
internal sealed class GlobCompiler
{
    private readonly string _p;
    private readonly string _notSep;
    private readonly string _any;
    private int _i;

    private GlobCompiler(string pattern, IReadOnlyCollection<int> separators)
    {
        _p = pattern;
        if (separators.Count == 0)
        {
            _notSep = "[\\s\\S]";
        }
        else
        {
            var sb = new StringBuilder("[^");
            foreach (var s in separators)
            {
                sb.Append(Escape(s));
            }

            _notSep = sb.Append(']').ToString();
        }

        _any = "[\\s\\S]";
    }

    /// <summary>Compiles the glob; throws <see cref="FormatException"/> on malformed patterns.</summary>
    public static Regex Compile(string pattern, IReadOnlyCollection<int> separators)
    {
        var c = new GlobCompiler(pattern, separators);
        var body = c.Sequence(inBraces: false);
        if (c._i < pattern.Length)
        {
            throw new FormatException($"unexpected '{pattern[c._i]}' at {c._i}");
        }

        return new Regex("\\A(?:" + body + ")\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    private static string Escape(int rune) => Regex.Escape(char.ConvertFromUtf32(rune)).Replace("]", "\\]", StringComparison.Ordinal).Replace("-", "\\-", StringComparison.Ordinal).Replace("^", "\\^", StringComparison.Ordinal);

    private string Sequence(bool inBraces)
    {
        var sb = new StringBuilder();
        while (_i < _p.Length)
        {
            var c = _p[_i];
            if (inBraces && (c == ',' || c == '}'))
            {
                break;
            }

            switch (c)
            {
                case '*':
                    var start = _i;
                    while (_i < _p.Length && _p[_i] == '*')
                    {
                        _i++;
                    }

                    sb.Append(_i - start > 1 ? _any : _notSep).Append("*?");
                    break;
                case '?':
                    sb.Append(_notSep);
                    _i++;
                    break;
                case '[':
                    sb.Append(List());
                    break;
                case '{':
                    sb.Append(Alternatives());
                    break;
                case '\\':
                    if (_i + 1 >= _p.Length)
                    {
                        throw new FormatException("unexpected end of input after escape");
                    }

                    sb.Append(Escape(char.ConvertToUtf32(_p, _i + 1)));
                    _i += char.IsSurrogatePair(_p, _i + 1) ? 3 : 2;
                    break;
                case ']' or '}':
                    throw new FormatException($"unexpected '{c}'");
                default:
                    var r = char.ConvertToUtf32(_p, _i);
                    sb.Append(Escape(r));
                    _i += char.IsSurrogatePair(_p, _i) ? 2 : 1;
                    break;
            }
        }

        return sb.ToString();
    }

    private string List()
    {
        _i++;
        var sb = new StringBuilder("[");
        if (_i < _p.Length && _p[_i] == '!')
        {
            sb.Append('^');
            _i++;
        }

        var any = false;
        while (_i < _p.Length && _p[_i] != ']')
        {
            var lo = ReadListChar();
            if (_i + 1 < _p.Length && _p[_i] == '-' && _p[_i + 1] != ']')
            {
                _i++;
                var hi = ReadListChar();
                if (hi < lo)
                {
                    throw new FormatException("invalid range");
                }

                sb.Append(Escape(lo)).Append('-').Append(Escape(hi));
            }
            else
            {
                sb.Append(Escape(lo));
            }

            any = true;
        }

        if (_i >= _p.Length || !any)
        {
            throw new FormatException("unexpected end of input: unclosed list");
        }

        _i++;
        return sb.Append(']').ToString();
    }

    private int ReadListChar()
    {
        if (_p[_i] == '\\' && _i + 1 < _p.Length)
        {
            _i++;
        }

        var r = char.ConvertToUtf32(_p, _i);
        _i += char.IsSurrogatePair(_p, _i) ? 2 : 1;
        return r;
    }

    private string Alternatives()
    {
        _i++;
        var parts = new List<string>();
        while (true)
        {
            parts.Add(Sequence(inBraces: true));
            if (_i >= _p.Length)
            {
                throw new FormatException("unexpected end of input: unclosed alternatives");
            }

            if (_p[_i++] == '}')
            {
                break;
            }
        }

        return "(?:" + string.Join('|', parts) + ")";
    }
}
