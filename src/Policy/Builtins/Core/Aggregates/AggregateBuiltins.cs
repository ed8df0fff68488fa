using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Aggregates;

/// <summary><c>count sum product max min sort all any</c>.</summary>
[BuiltinGroup]
internal static class AggregateBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("count", 1, Count);
        t.Add("sum", 1, static (_, a) => Fold("sum", a[0], NumberValue.Zero, NumberValue.Add));
        t.Add("product", 1, static (_, a) => Fold("product", a[0], NumberValue.One, NumberValue.Multiply));
        t.Add("max", 1, static (_, a) => Extreme("max", a[0], 1));
        t.Add("min", 1, static (_, a) => Extreme("min", a[0], -1));
        t.Add("sort", 1, Sort);
        t.Add("all", 1, static (_, a) => BooleanValue.From(Booleans("all", a[0], all: true)));
        t.Add("any", 1, static (_, a) => BooleanValue.From(Booleans("any", a[0], all: false)));
    }

    private static Value Count(BuiltinContext c, ReadOnlySpan<Value> a) => a[0] switch
    {
        ArrayValue arr => NumberValue.From(arr.Count),
        ObjectValue obj => NumberValue.From(obj.Count),
        SetValue set => NumberValue.From(set.Count),
        StringValue s => NumberValue.From(Runes.Count(s.Value)),
        _ => throw CoreErrors.Type("count", 1, a[0], "array", "object", "set", "string"),
    };

    private static NumberValue Fold(string name, Value v, NumberValue seed, Func<NumberValue, NumberValue, NumberValue> op)
    {
        var acc = seed;
        switch (v)
        {
            case ArrayValue arr:
                foreach (var x in arr.Span)
                {
                    acc = op(acc, x as NumberValue ?? throw CoreErrors.Element(name, 1, v, x, "number"));
                }

                return acc;
            case SetValue set:
                foreach (var x in set.Sorted)
                {
                    acc = op(acc, x as NumberValue ?? throw CoreErrors.Element(name, 1, v, x, "number"));
                }

                return acc;
            default:
                throw CoreErrors.Type(name, 1, v, "set", "array");
        }
    }

    private static Value? Extreme(string name, Value v, int sign)
    {
        IReadOnlyList<Value> items = v switch
        {
            ArrayValue arr => arr.Items,
            SetValue set => set.Sorted,
            _ => throw CoreErrors.Type(name, 1, v, "set", "array"),
        };
        if (items.Count == 0)
        {
            return null;
        }

        var best = items[0];
        for (var i = 1; i < items.Count; i++)
        {
            if (items[i].CompareTo(best) * sign > 0)
            {
                best = items[i];
            }
        }

        return best;
    }

    private static Value Sort(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        switch (a[0])
        {
            case ArrayValue arr:
                var copy = arr.Span.ToArray();
                Array.Sort(copy);
                return ArrayValue.Wrap(copy);
            case SetValue set:
                return ArrayValue.Wrap((Value[])set.Sorted.Clone());
            default:
                throw CoreErrors.Type("sort", 1, a[0], "set", "array");
        }
    }

    private static bool Booleans(string name, Value v, bool all)
    {
        IReadOnlyList<Value> items = v switch
        {
            ArrayValue arr => arr.Items,
            SetValue set => set.Sorted,
            _ => throw CoreErrors.Type(name, 1, v, "array", "set"),
        };
        foreach (var x in items)
        {
            var isTrue = x is BooleanValue { Value: true };
            if (all != isTrue)
            {
                return !all;
            }
        }

        return all;
    }
}
