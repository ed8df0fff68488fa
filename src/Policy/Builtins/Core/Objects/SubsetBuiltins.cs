using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Objects;

/// <summary><c>object.subset</c>: recursive for objects; set containment; contiguous sub-array.</summary>
[BuiltinGroup]
internal static class SubsetBuiltins
{
    internal static void Register(BuiltinTable t) => t.Add("object.subset", 2, Subset);

    private static Value Subset(BuiltinContext c, ReadOnlySpan<Value> a) => (a[0], a[1]) switch
    {
        (ObjectValue sup, ObjectValue sub) => BooleanValue.From(ObjectSubset(sup, sub)),
        (SetValue sup, SetValue sub) => BooleanValue.From(SetSubset(sup, sub)),
        (ArrayValue sup, ArrayValue sub) => BooleanValue.From(ArraySubset(sup, sub)),
        (ArrayValue sup, SetValue sub) => BooleanValue.From(ArraySetSubset(sup, sub)),
        _ => throw new BuiltinException(
            BuiltinException.TypeErrorCode,
            "object.subset: both arguments object.subset must be of the same type or array and set"),
    };

    private static bool ObjectSubset(ObjectValue sup, ObjectValue sub)
    {
        foreach (var p in sub.Map)
        {
            if (sup.Get(p.Key) is not { } s)
            {
                return false;
            }

            if (p.Value.Equals(s))
            {
                continue;
            }

            var ok = (s, p.Value) switch
            {
                (ObjectValue x, ObjectValue y) => ObjectSubset(x, y),
                (SetValue x, SetValue y) => SetSubset(x, y),
                (ArrayValue x, ArrayValue y) => ArraySubset(x, y),
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static bool SetSubset(SetValue sup, SetValue sub) => sub.Unordered.IsSubsetOf(sup.Unordered);

    private static bool ArraySubset(ArrayValue sup, ArrayValue sub)
    {
        if (sub.Count > sup.Count)
        {
            return false;
        }

        var hay = sup.Span;
        var needle = sub.Span;
        for (var start = 0; start + needle.Length <= hay.Length; start++)
        {
            var k = 0;
            while (k < needle.Length && hay[start + k].Equals(needle[k]))
            {
                k++;
            }

            if (k == needle.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static bool ArraySetSubset(ArrayValue sup, SetValue sub)
    {
        var unmatched = sub.Count;
        foreach (var v in sup.Span)
        {
            if (sub.Contains(v))
            {
                unmatched--;
            }

            if (unmatched == 0)
            {
                return true;
            }
        }

        return false;
    }
}
