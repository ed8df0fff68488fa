using System.Globalization;
using System.Text;

namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

/// <summary>
/// Translates RE2 (Go regexp) syntax into an equivalent .NET pattern, rejecting what RE2 rejects (backreferences,
/// lookaround, possessive/nested repetition, unknown escapes, repeat counts over 1000). Named groups become numbered
/// groups so numbering matches Go's left-to-right order; the names are returned separately.
/// </summary>
internal sealed partial class Re2Translator
{
    private const string Word = "0-9A-Za-z_";
    private const string Space = "\\t\\n\\f\\r ";

    private readonly string _p;
    private readonly StringBuilder _out = new();
    private readonly Stack<Flags> _flags = new();
    private readonly List<string?> _groupNames = [null];
    private Flags _cur;
    private int _i;
    private bool _canRepeat;
    private bool _lastWasRepeat;

    private Re2Translator(string pattern) => _p = pattern;

    private struct Flags
    {
        public bool Multiline;
        public bool Ungreedy;
    }

    /// <summary>Translates <paramref name="pattern"/>; throws <see cref="FormatException"/> with Go's message on bad syntax.</summary>
    public static (string Pattern, IReadOnlyList<string?> GroupNames) Translate(string pattern)
    {
        var t = new Re2Translator(pattern);
        t.Run();
        return (t._out.ToString(), t._groupNames);
    }

    private static FormatException Error(string code, string expr) => new($"error parsing regexp: {code}: `{expr}`");

    private void Run()
    {
        while (_i < _p.Length)
        {
            var c = _p[_i];
            switch (c)
            {
                case '\\':
                    Escape();
                    break;
                case '(':
                    OpenGroup();
                    break;
                case ')':
                    if (_flags.Count == 0)
                    {
                        throw Error("unexpected )", _p);
                    }

                    _cur = _flags.Pop();
                    _out.Append(')');
                    _i++;
                    Atom();
                    break;
                case '[':
                    CharClass();
                    Atom();
                    break;
                case '*' or '+' or '?':
                    Repeat(_i, _i + 1);
                    break;
                case '{' when TryRepeatCount(out var end):
                    Repeat(_i, end);
                    break;
                case '{' or '}':
                    _out.Append('\\').Append(c);
                    _i++;
                    Atom();
                    break;
                case '$':
                    _out.Append(_cur.Multiline ? "(?=\\n|\\z)" : "\\z");
                    _i++;
                    NotAtom();
                    break;
                case '^':
                    _out.Append(_cur.Multiline ? "(?<=\\A|\\n)" : "\\A");
                    _i++;
                    NotAtom();
                    break;
                case '|':
                    _out.Append('|');
                    _i++;
                    NotAtom();
                    break;
                case '#' or ' ':
                    _out.Append('\\').Append(c);
                    _i++;
                    Atom();
                    break;
                default:
                    var len = char.IsSurrogatePair(_p, _i) ? 2 : 1;
                    _out.Append(_p, _i, len);
                    _i += len;
                    Atom();
                    break;
            }
        }

        if (_flags.Count > 0)
        {
            throw Error("missing closing )", _p);
        }
    }

    private void Atom()
    {
        _canRepeat = true;
        _lastWasRepeat = false;
    }

    private void NotAtom()
    {
        _canRepeat = false;
        _lastWasRepeat = false;
    }

    private void Repeat(int start, int end)
    {
        var op = _p[start..end];
        if (_lastWasRepeat)
        {
            // Only a single lazy marker may follow a repetition.
            if (op == "?" && !_lazyTaken)
            {
                _lazyTaken = true;
                if (!_cur.Ungreedy)
                {
                    _out.Append('?');
                }
                else
                {
                    _out.Length--; // drop the '?' added for ungreedy mode: "x*?" under (?U) is greedy
                }

                _i = end;
                return;
            }

            throw Error("invalid nested repetition operator", _p[_repeatStart..end]);
        }

        if (!_canRepeat)
        {
            throw Error("missing argument to repetition operator", op);
        }

        _out.Append(op);
        if (_cur.Ungreedy)
        {
            _out.Append('?');
        }

        _repeatStart = start;
        _lazyTaken = false;
        _lastWasRepeat = true;
        _i = end;
    }

    private int _repeatStart;
    private bool _lazyTaken;

    private bool TryRepeatCount(out int end)
    {
        end = _p.IndexOf('}', _i);
        if (end < 0)
        {
            return false;
        }

        var body = _p[(_i + 1)..end];
        var parts = body.Split(',');
        if (parts.Length > 2 || parts[0].Length == 0 || !parts.All(s => s.All(char.IsAsciiDigit)))
        {
            return false;
        }

        end++;
        foreach (var part in parts)
        {
            if (part.Length > 0 && (part.Length > 4 || int.Parse(part, CultureInfo.InvariantCulture) > 1000))
            {
                throw Error("invalid repeat count", _p[_i..end]);
            }
        }

        if (parts.Length == 2 && parts[1].Length > 0 && int.Parse(parts[1], CultureInfo.InvariantCulture) < int.Parse(parts[0], CultureInfo.InvariantCulture))
        {
            throw Error("invalid repeat count", _p[_i..end]);
        }

        return true;
    }
}
