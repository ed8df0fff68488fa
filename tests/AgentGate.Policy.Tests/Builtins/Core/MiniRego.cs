using System.Text.Json;
using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Core;

/// <summary>
/// A tiny evaluator for single-rule conformance modules built from builtin calls, literals and data/input refs:
/// <c>p := f(…)</c>, <c>p := x if { f(…, x) }</c>, <c>p contains x if { x := f(…) }</c>,
/// <c>p if { [not] f(…) [op term] }</c>. Returns false from <see cref="TryParse"/> for anything else.
/// </summary>
internal sealed class MiniRego
{
    private static readonly BuiltinContext Context = new(DateTimeOffset.UnixEpoch);

    private readonly string _s;
    private readonly Value _data;
    private readonly Value? _input;
    private int _i;

    private MiniRego(string s, Value data, Value? input)
    {
        _s = s;
        _data = data;
        _input = input;
    }

    /// <summary>A parsed rule: evaluate to the expected binding of x (null = undefined); throws BuiltinException.</summary>
    public delegate Value? Rule(bool strict);

    public static Rule? TryParse(string module, JsonElement c)
    {
        var data = c.TryGetProperty("data", out var d) ? ValueJson.FromJsonElement(d) : ObjectValue.Empty;
        Value? input = c.TryGetProperty("input_term", out var it) ? TermText.Parse(it.GetString()!)
            : c.TryGetProperty("input", out var inp) ? ValueJson.FromJsonElement(inp) : null;
        var text = System.Text.RegularExpressions.Regex.Replace(module, @"^\s*package [\w.]+\s*", string.Empty);
        var m = new MiniRego(text.Trim(), data, input);
        try
        {
            return m.ParseRule();
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException or KeyNotFoundException)
        {
            return null;
        }
    }

    private Rule? ParseRule()
    {
        Expect("p");
        Ws();
        string op;
        if (Take(":=") || Take("="))
        {
            op = "value";
        }
        else if (Take("contains"))
        {
            op = "set";
        }
        else if (Take("if"))
        {
            return ParseTruthy();
        }
        else
        {
            return null;
        }

        Ws();
        if (op == "value" && !Peek("x ") && !Peek("x\n"))
        {
            var expr = ParseTerm();
            Ws();
            return _i == _s.Length ? strict => expr(strict) : null;
        }

        Expect("x");
        Ws();
        Expect("if");
        Ws();
        Expect("{");
        Ws();
        Func<bool, Value?> body;
        if (Take("x :=") || Take("x ="))
        {
            Ws();
            body = ParseTerm();
        }
        else
        {
            body = ParseCall(outputVar: "x");
        }

        Ws();
        Expect("}");
        Ws();
        if (_i != _s.Length)
        {
            return null;
        }

        return op == "set"
            ? strict => body(strict) is { } v ? ArrayValue.From(v) : ArrayValue.Empty
            : strict => body(strict);
    }

    private Rule? ParseTruthy()
    {
        Ws();
        Expect("{");
        Ws();
        var negate = Take("not ");
        Ws();
        var left = ParseTerm();
        Ws();
        string? cmp = null;
        foreach (var o in new[] { "==", "!=", ">=", "<=", ">", "<" })
        {
            if (Take(o))
            {
                cmp = o;
                break;
            }
        }

        Func<bool, Value?>? right = null;
        if (cmp is not null)
        {
            Ws();
            right = ParseTerm();
            Ws();
        }

        Expect("}");
        Ws();
        if (_i != _s.Length)
        {
            return null;
        }

        return strict =>
        {
            bool holds;
            try
            {
                var l = left(strict);
                var r = right?.Invoke(strict);
                holds = cmp is null
                    ? l is not null && l is not BooleanValue { Value: false }
                    : l is not null && r is not null && Compare(l, r, cmp);
            }
            catch (BuiltinException) when (!strict && negate)
            {
                holds = false;
            }

            return holds != negate ? BooleanValue.True : null;
        };
    }

    private static bool Compare(Value l, Value r, string op) => op switch
    {
        "==" => l.Equals(r),
        "!=" => !l.Equals(r),
        ">=" => l.CompareTo(r) >= 0,
        "<=" => l.CompareTo(r) <= 0,
        ">" => l.CompareTo(r) > 0,
        _ => l.CompareTo(r) < 0,
    };

    private Func<bool, Value?> ParseTerm()
    {
        Ws();
        if (Peek("data.") || Peek("input"))
        {
            var start = _i;
            while (_i < _s.Length && (char.IsLetterOrDigit(_s[_i]) || _s[_i] is '.' or '_' or '[' or ']'))
            {
                _i++;
            }

            var value = Resolve(_s[start.._i]) ?? throw new FormatException("unresolved reference");
            return _ => value;
        }

        var save = _i;
        while (_i < _s.Length && (char.IsLetterOrDigit(_s[_i]) || _s[_i] is '.' or '_'))
        {
            _i++;
        }

        if (_i > save && _i < _s.Length && _s[_i] == '(' && _s[save..(_i)] is var name && name != "set")
        {
            _i = save;
            return ParseCall(outputVar: null);
        }

        _i = save;
        var literal = ReadBalanced();
        var v = TermText.Parse(literal.StartsWith('`') ? JsonSerializer.Serialize(literal.Trim('`')) : literal);
        return _ => v;
    }

    private Func<bool, Value?> ParseCall(string? outputVar)
    {
        var start = _i;
        while (_i < _s.Length && _s[_i] != '(')
        {
            _i++;
        }

        var name = _s[start.._i].Trim();
        if (!BuiltinTable.Default.TryGet(name, out var def))
        {
            throw new FormatException("unknown builtin " + name);
        }

        _i++;
        var args = new List<Func<bool, Value?>>();
        Ws();
        var sawOutput = false;
        while (!Take(")"))
        {
            Ws();
            if (outputVar is not null && Peek(outputVar) && (_s[_i + outputVar.Length] is ')' or ' '))
            {
                _i += outputVar.Length;
                sawOutput = true;
            }
            else
            {
                args.Add(ParseTerm());
            }

            Ws();
            Take(",");
            Ws();
        }

        if ((outputVar is not null && !sawOutput) || args.Count != def.Arity)
        {
            throw new FormatException("shape");
        }

        return strict =>
        {
            var values = new Value[args.Count];
            for (var k = 0; k < values.Length; k++)
            {
                var v = args[k](strict);
                if (v is null)
                {
                    return null;
                }

                values[k] = v;
            }

            try
            {
                return def.Function(Context, values);
            }
            catch (BuiltinException) when (!strict)
            {
                return null;
            }
        };
    }

    private Value? Resolve(string reference)
    {
        var parts = reference.Replace("[", ".", StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal).Split('.');
        Value? cur = parts[0] == "input" ? _input : _data;
        foreach (var part in parts.Skip(1))
        {
            cur = cur switch
            {
                ObjectValue o => o.Get(StringValue.From(part)),
                ArrayValue a when int.TryParse(part, out var idx) && idx < a.Count => a[idx],
                _ => null,
            };
        }

        return cur;
    }

    private string ReadBalanced()
    {
        var start = _i;
        var depth = 0;
        var inString = false;
        for (; _i < _s.Length; _i++)
        {
            var ch = _s[_i];
            if (inString)
            {
                if (ch == '\\')
                {
                    _i++;
                }
                else if (ch == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (ch == '"')
            {
                inString = true;
            }
            else if (ch is '[' or '{' or '(')
            {
                depth++;
            }
            else if (ch is ']' or '}' or ')')
            {
                if (depth == 0)
                {
                    break;
                }

                depth--;
                if (depth == 0 && ch == ')' && _s[start..(_i + 1)] == "set()")
                {
                    _i++;
                    break;
                }
            }
            else if (depth == 0 && (ch is ',' or '\n' || (ch == ' ' && _i + 1 < _s.Length && "=!<>".Contains(_s[_i + 1], StringComparison.Ordinal))))
            {
                break;
            }
        }

        return _s[start.._i].Trim();
    }

    private void Ws()
    {
        while (_i < _s.Length && char.IsWhiteSpace(_s[_i]))
        {
            _i++;
        }
    }

    private bool Peek(string t) => string.CompareOrdinal(_s, _i, t, 0, t.Length) == 0;

    private bool Take(string t)
    {
        if (!Peek(t))
        {
            return false;
        }

        _i += t.Length;
        return true;
    }

    private void Expect(string t)
    {
        if (!Take(t))
        {
            throw new FormatException($"expected {t} at {_i}");
        }
    }
}
