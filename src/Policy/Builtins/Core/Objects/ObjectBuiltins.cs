using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Objects;

/// <summary><c>object.get object.keys object.remove object.filter object.union object.union_n</c>.</summary>
[BuiltinGroup]
internal static class ObjectBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("object.get", 3, Get);
        t.Add("object.keys", 1, static (_, a) => SetValue.Wrap([.. BuiltinArgs.Object("object.keys", a, 0).Map.Keys]));
        t.Add("object.remove", 2, Remove);
        t.Add("object.filter", 2, Filter);
        t.Add("object.union", 2, static (_, a) =>
            Union(BuiltinArgs.Object("object.union", a, 0), BuiltinArgs.Object("object.union", a, 1)));
        t.Add("object.union_n", 1, UnionN);
    }

    private static Value Get(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var obj = BuiltinArgs.Object("object.get", a, 0);
        if (a[1] is not ArrayValue path)
        {
            return obj.Get(a[1]) ?? a[2];
        }

        if (path.Count == 0)
        {
            return obj;
        }

        Value current = obj;
        foreach (var seg in path.Span)
        {
            switch (current)
            {
                case ObjectValue o when o.Get(seg) is { } next:
                    current = next;
                    break;
                case ArrayValue arr when seg is NumberValue n && n.TryGetInt32(out var i) && i >= 0 && i < arr.Count:
                    current = arr[i];
                    break;
                case SetValue s when s.Contains(seg):
                    current = seg;
                    break;
                default:
                    return a[2];
            }
        }

        return current;
    }

    /// <summary>OPA's getObjectKeysParam: an array, set or object (its keys).</summary>
    internal static HashSet<Value> KeysParam(string name, Value v) => v switch
    {
        ArrayValue arr => [.. arr.Span],
        SetValue set => set.Unordered,
        ObjectValue obj => [.. obj.Map.Keys],
        _ => throw CoreErrors.Type(name, 2, v, "object", "set", "array"),
    };

    private static Value Remove(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var obj = BuiltinArgs.Object("object.remove", a, 0);
        var keys = KeysParam("object.remove", a[1]);
        var map = new Dictionary<Value, Value>(obj.Count);
        foreach (var p in obj.Map)
        {
            if (!keys.Contains(p.Key))
            {
                map.Add(p.Key, p.Value);
            }
        }

        return map.Count == obj.Count ? obj : ObjectValue.Wrap(map);
    }

    private static Value Filter(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var obj = BuiltinArgs.Object("object.filter", a, 0);
        var keys = KeysParam("object.filter", a[1]);
        var map = new Dictionary<Value, Value>();
        foreach (var k in keys)
        {
            if (obj.Get(k) is { } v)
            {
                map[k] = v;
            }
        }

        return ObjectValue.Wrap(map);
    }

    /// <summary>Merges <paramref name="b"/> over <paramref name="a"/>, recursing where both values are objects.</summary>
    internal static ObjectValue Union(ObjectValue a, ObjectValue b)
    {
        if (b.Count == 0 || a.Equals(b))
        {
            return a;
        }

        if (a.Count == 0)
        {
            return b;
        }

        var map = new Dictionary<Value, Value>(a.Map);
        foreach (var p in b.Map)
        {
            map[p.Key] = map.TryGetValue(p.Key, out var old) && old is ObjectValue oa && p.Value is ObjectValue ob
                ? Union(oa, ob)
                : p.Value;
        }

        return ObjectValue.Wrap(map);
    }

    private static Value UnionN(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var arr = BuiltinArgs.Array("object.union_n", a, 0);
        var result = ObjectValue.Empty;
        foreach (var v in arr.Span)
        {
            result = Union(result, v as ObjectValue ?? throw CoreErrors.Element("object.union_n", 1, arr, v, "object"));
        }

        return result;
    }
}
