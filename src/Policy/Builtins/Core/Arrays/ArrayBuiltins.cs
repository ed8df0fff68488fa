using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Arrays;

/// <summary><c>array.concat array.slice array.reverse array.flatten</c>.</summary>
[BuiltinGroup]
internal static class ArrayBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("array.concat", 2, Concat);
        t.Add("array.slice", 3, Slice);
        t.Add("array.reverse", 1, Reverse);
        t.Add("array.flatten", 1, Flatten);
    }

    private static Value Concat(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var x = BuiltinArgs.Array("array.concat", a, 0);
        var y = BuiltinArgs.Array("array.concat", a, 1);
        if (y.Count == 0)
        {
            return x;
        }

        if (x.Count == 0)
        {
            return y;
        }

        var items = new Value[x.Count + y.Count];
        x.Span.CopyTo(items);
        y.Span.CopyTo(items.AsSpan(x.Count));
        return ArrayValue.Wrap(items);
    }

    private static Value Slice(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var arr = BuiltinArgs.Array("array.slice", a, 0);
        var start = CoreArgs.Int("array.slice", a, 1);
        var stop = CoreArgs.Int("array.slice", a, 2);
        stop = Math.Clamp(stop, 0, arr.Count);
        start = Math.Clamp(start, 0, stop);
        return start == 0 && stop == arr.Count ? arr : ArrayValue.Wrap(arr.Span[start..stop].ToArray());
    }

    private static Value Reverse(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var arr = BuiltinArgs.Array("array.reverse", a, 0);
        var items = arr.Span.ToArray();
        Array.Reverse(items);
        return ArrayValue.Wrap(items);
    }

    private static Value Flatten(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var arr = BuiltinArgs.Array("array.flatten", a, 0);
        var items = new List<Value>(arr.Count);
        foreach (var v in arr.Span)
        {
            if (v is ArrayValue inner)
            {
                items.AddRange(inner.Items);
            }
            else
            {
                items.Add(v);
            }
        }

        return ArrayValue.Wrap([.. items]);
    }
}
