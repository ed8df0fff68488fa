using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Templates;

internal sealed partial class TemplateExecutor
{
    private Value? Eval(string pipeline, Value? dot)
    {
        var words = Words(pipeline);
        if (words.Count == 0)
        {
            throw new FormatException("template: missing value for command");
        }

        if (words.Count == 1 || words[0].StartsWith('.') || words[0].StartsWith('$'))
        {
            return words.Count == 1 ? Term(words[0], dot) : throw new FormatException($"template: can't give argument to non-function {words[0]}");
        }

        var args = words.Skip(1).Select(w => Term(w, dot)).ToList();
        return words[0] switch
        {
            "not" => BooleanValue.From(!Truthy(args.Single())),
            "and" => args.FirstOrDefault(a => !Truthy(a)) ?? args[^1],
            "or" => args.FirstOrDefault(Truthy) ?? args[^1],
            "eq" => BooleanValue.From(args.Skip(1).Any(a => Same(args[0], a))),
            "ne" => BooleanValue.From(!Same(args[0], args[1])),
            "lt" => BooleanValue.From(Compare(args) < 0),
            "le" => BooleanValue.From(Compare(args) <= 0),
            "gt" => BooleanValue.From(Compare(args) > 0),
            "ge" => BooleanValue.From(Compare(args) >= 0),
            "len" => NumberValue.From(args.Single() switch
            {
                StringValue s => System.Text.Encoding.UTF8.GetByteCount(s.Value),
                ObjectValue o => o.Count,
                var c when CoreArgs.Elements(c!) is { } items => items.Count,
                _ => throw new FormatException("template: len of unsupported type"),
            }),
            "index" => args.Skip(1).Aggregate(args[0], Index),
            "print" => StringValue.From(string.Concat(args.Select((a, i) => (i > 0 && a is not StringValue && args[i - 1] is not StringValue ? " " : string.Empty) + Print(a, false)))),
            "printf" => StringValue.From(Strings.GoFormat.Sprintf(
                args[0] is StringValue f ? f.Value : throw new FormatException("template: printf format must be a string"),
                args.Skip(1).Select(a => a ?? NullValue.Instance).ToList())),
            _ => throw new FormatException($"template: function \"{words[0]}\" not defined"),
        };
    }

    private static bool Same(Value? a, Value? b) => a is null ? b is null : a.Equals(b);

    private static int Compare(List<Value?> args) =>
        args.Count == 2 && args[0] is { } x && args[1] is { } y && x.Kind == y.Kind
            ? x.CompareTo(y)
            : throw new FormatException("template: incompatible types for comparison");

    private static Value? Index(Value? v, Value? key) => v switch
    {
        ObjectValue o => o.Get(key ?? NullValue.Instance),
        ArrayValue a when key is NumberValue n && n.TryGetInt32(out var i) && i >= 0 && i < a.Count => a[i],
        _ => throw new FormatException("template: error calling index: index out of range"),
    };

    private Value? Term(string w, Value? dot)
    {
        if (w.StartsWith('"'))
        {
            return StringValue.From(System.Text.Json.JsonSerializer.Deserialize<string>(w)!);
        }

        if (w is "true" or "false")
        {
            return BooleanValue.From(w == "true");
        }

        if (w == "nil")
        {
            return null;
        }

        if (char.IsAsciiDigit(w[0]) || w[0] == '-')
        {
            return NumberValue.TryParse(w, out var n) ? n : throw new FormatException($"template: bad number syntax: {w}");
        }

        Value? cur;
        string path;
        if (w.StartsWith('$'))
        {
            var dotAt = w.IndexOf('.', StringComparison.Ordinal);
            var name = dotAt < 0 ? w : w[..dotAt];
            if (!_vars.TryGetValue(name, out cur))
            {
                throw new FormatException($"template: undefined variable \"{name}\"");
            }

            path = dotAt < 0 ? string.Empty : w[dotAt..];
        }
        else if (w.StartsWith('.'))
        {
            cur = dot;
            path = w;
        }
        else
        {
            throw new FormatException($"template: function \"{w}\" not defined");
        }

        foreach (var field in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            cur = cur is ObjectValue o
                ? o.Get(StringValue.From(field)) ?? throw new FormatException($"template: map has no entry for key \"{field}\"")
                : throw new FormatException($"template: can't evaluate field {field} in type {(cur is null ? "nil" : cur.TypeName)}");
        }

        return cur;
    }

    private static List<string> Words(string s)
    {
        var words = new List<string>();
        var i = 0;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                i++;
                continue;
            }

            var start = i;
            if (s[i] == '"')
            {
                i++;
                while (i < s.Length && s[i] != '"')
                {
                    i += s[i] == '\\' ? 2 : 1;
                }

                i++;
            }
            else
            {
                while (i < s.Length && !char.IsWhiteSpace(s[i]))
                {
                    i++;
                }
            }

            words.Add(s[start..Math.Min(i, s.Length)]);
        }

        return words;
    }
}
