using System.Globalization;
using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Core;

/// <summary>Parses JSON extended with Rego sets (<c>{1, 2}</c>, <c>set()</c>) and non-string keys, for test data.</summary>
internal sealed class TermText
{
    private readonly string _s;
    private int _i;

    private TermText(string s) => _s = s;

    public static Value Parse(string text)
    {
        var p = new TermText(text);
        var v = p.ParseValue();
        p.Ws();
        if (p._i != text.Length)
        {
            throw new FormatException($"trailing text at {p._i} in {text}");
        }

        return v;
    }

    private Value ParseValue()
    {
        Ws();
        var c = _s[_i];
        switch (c)
        {
            case '"':
                return StringValue.From(ParseString());
            case '[':
                _i++;
                return ArrayValue.From(ParseList(']'));
            case '{':
                return ParseBrace();
            default:
                if (Take("set()"))
                {
                    return SetValue.Empty;
                }

                if (Take("null"))
                {
                    return NullValue.Instance;
                }

                if (Take("true"))
                {
                    return BooleanValue.True;
                }

                if (Take("false"))
                {
                    return BooleanValue.False;
                }

                var start = _i;
                while (_i < _s.Length && "+-.eE0123456789".Contains(_s[_i], StringComparison.Ordinal))
                {
                    _i++;
                }

                return NumberValue.TryParse(_s[start.._i], out var n) ? n : throw new FormatException($"bad term at {start}: {_s}");
        }
    }

    private List<Value> ParseList(char close)
    {
        var items = new List<Value>();
        Ws();
        if (_s[_i] == close)
        {
            _i++;
            return items;
        }

        while (true)
        {
            items.Add(ParseValue());
            Ws();
            if (_s[_i++] == close)
            {
                return items;
            }
        }
    }

    private Value ParseBrace()
    {
        _i++;
        Ws();
        if (_s[_i] == '}')
        {
            _i++;
            return ObjectValue.Empty;
        }

        var first = ParseValue();
        Ws();
        if (_s[_i] != ':')
        {
            var items = new List<Value> { first };
            if (_s[_i++] != '}')
            {
                items.AddRange(ParseList('}'));
            }

            return SetValue.From(items);
        }

        var pairs = new List<KeyValuePair<Value, Value>>();
        var key = first;
        while (true)
        {
            _i++; // ':'
            pairs.Add(new(key, ParseValue()));
            Ws();
            if (_s[_i++] == '}')
            {
                return ObjectValue.From(pairs);
            }

            key = ParseValue();
            Ws();
        }
    }

    private string ParseString()
    {
        var sb = new StringBuilder();
        _i++;
        while (_s[_i] != '"')
        {
            var c = _s[_i++];
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            var e = _s[_i++];
            sb.Append(e switch
            {
                'n' => "\n",
                't' => "\t",
                'r' => "\r",
                'u' => ((char)int.Parse(_s.AsSpan(_i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString(),
                _ => e.ToString(),
            });
            if (e == 'u')
            {
                _i += 4;
            }
        }

        _i++;
        return sb.ToString();
    }

    private bool Take(string word)
    {
        if (string.CompareOrdinal(_s, _i, word, 0, word.Length) == 0)
        {
            _i += word.Length;
            return true;
        }

        return false;
    }

    private void Ws()
    {
        while (_i < _s.Length && char.IsWhiteSpace(_s[_i]))
        {
            _i++;
        }
    }
}
