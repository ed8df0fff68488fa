using System.Text.Json;
using System.Text.RegularExpressions;
using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Core;

/// <summary>
/// A tiny evaluator for single-rule conformance modules made of builtin calls, literals, local variables and
/// data/input refs (no iteration, no other rules): <c>p := t</c>, <c>p := t if { … }</c>, <c>p contains t if { … }</c>,
/// <c>p if { … }</c>. <see cref="TryParse"/> returns null for anything else.
/// </summary>
internal sealed partial class MiniRego
{
    private static readonly BuiltinContext Context = new(DateTimeOffset.UnixEpoch);

    private readonly Value _data;
    private readonly Value? _input;

    private MiniRego(Value data, Value? input)
    {
        _data = data;
        _input = input;
    }

    /// <summary>Evaluates the rule: the value of p, or null when undefined; builtin errors escape when strict.</summary>
    public delegate Value? Rule(bool strict);

    private abstract record Term;

    private sealed record Lit(Value Value) : Term;

    private sealed record Var(string Name) : Term;

    private sealed record Call(BuiltinDefinition Def, List<Term> Args) : Term;

    private sealed record Arr(List<Term> Items) : Term;

    private sealed record Stmt(bool Not, Term Left, string? Op, Term? Right);

    [GeneratedRegex(@"^p\s*(?:(:=|=)\s*(?<head>.+?)|contains\s+(?<set>.+?))?\s*(?:if\s*\{(?<body>.*)\})?\s*$", RegexOptions.Singleline)]
    private static partial Regex RuleRegex();

    public static Rule? TryParse(string module, JsonElement c)
    {
        var data = c.TryGetProperty("data", out var d) ? ValueJson.FromJsonElement(d) : ObjectValue.Empty;
        Value? input = c.TryGetProperty("input_term", out var it) ? TermText.Parse(it.GetString()!)
            : c.TryGetProperty("input", out var inp) ? ValueJson.FromJsonElement(inp) : null;
        var text = Regex.Replace(module, @"^\s*package [\w.]+\s*", string.Empty).Trim();
        var m = RuleRegex().Match(text);
        if (!m.Success || text.Contains("\np", StringComparison.Ordinal) || text.Contains(" some ", StringComparison.Ordinal))
        {
            return null;
        }

        var e = new MiniRego(data, input);
        try
        {
            var head = m.Groups["head"].Success ? e.ParseTerm(m.Groups["head"].Value.Trim()) : null;
            var setHead = m.Groups["set"].Success ? e.ParseTerm(m.Groups["set"].Value.Trim()) : null;
            var body = m.Groups["body"].Success ? e.ParseBody(m.Groups["body"].Value) : [];
            return strict => e.Run(head, setHead, body, strict);
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private Value? Run(Term? head, Term? setHead, List<Stmt> body, bool strict)
    {
        var env = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var s in body)
        {
            bool holds;
            try
            {
                holds = Holds(s, env);
            }
            catch (BuiltinException) when (!strict)
            {
                holds = false;
            }

            if (holds == s.Not)
            {
                return setHead is not null ? ArrayValue.Empty : null;
            }
        }

        if (setHead is not null)
        {
            return Eval(setHead, env) is { } v ? ArrayValue.From(v) : ArrayValue.Empty;
        }

        return head is null ? BooleanValue.True : Eval(head, env);
    }

    private bool Holds(Stmt s, Dictionary<string, Value> env)
    {
        if (s.Op is null)
        {
            if (s.Left is Call { } call && call.Args.Count == call.Def.Arity + 1)
            {
                var result = Invoke(call with { Args = call.Args[..^1] }, env);
                return result is not null && Unify(call.Args[^1], result, env);
            }

            return Eval(s.Left, env) is { } v && v is not BooleanValue { Value: false };
        }

        if (s.Op is "=" or ":=")
        {
            if (s.Left is Var lv && !env.ContainsKey(lv.Name))
            {
                return Eval(s.Right!, env) is { } rv && Unify(lv, rv, env);
            }

            return Eval(s.Left, env) is { } l && Unify(s.Right!, l, env);
        }

        var a = Eval(s.Left, env);
        var b = Eval(s.Right!, env);
        return a is not null && b is not null && s.Op switch
        {
            "==" => a.Equals(b),
            "!=" => !a.Equals(b),
            ">=" => a.CompareTo(b) >= 0,
            "<=" => a.CompareTo(b) <= 0,
            ">" => a.CompareTo(b) > 0,
            _ => a.CompareTo(b) < 0,
        };
    }

    private bool Unify(Term t, Value v, Dictionary<string, Value> env)
    {
        if (t is Var x && !env.ContainsKey(x.Name))
        {
            env[x.Name] = v;
            return true;
        }

        if (t is Arr pattern)
        {
            if (v is not ArrayValue arr || arr.Count != pattern.Items.Count)
            {
                return false;
            }

            for (var i = 0; i < arr.Count; i++)
            {
                if (!Unify(pattern.Items[i], arr[i], env))
                {
                    return false;
                }
            }

            return true;
        }

        return Eval(t, env) is { } other && other.Equals(v);
    }

    private Value? Eval(Term t, Dictionary<string, Value> env) => t switch
    {
        Lit l => l.Value,
        Var v => env.TryGetValue(v.Name, out var val) ? val : throw new FormatException("unbound " + v.Name),
        Call c => Invoke(c, env),
        Arr a => a.Items.Select(i => Eval(i, env)).ToList() is var items && items.All(i => i is not null) ? ArrayValue.From(items!) : null,
        _ => null,
    };

    private Value? Invoke(Call c, Dictionary<string, Value> env)
    {
        if (c.Args.Count != c.Def.Arity)
        {
            throw new FormatException("arity");
        }

        var args = new Value[c.Args.Count];
        for (var i = 0; i < args.Length; i++)
        {
            var v = Eval(c.Args[i], env);
            if (v is null)
            {
                return null;
            }

            args[i] = v;
        }

        return c.Def.Function(Context, args);
    }
}
