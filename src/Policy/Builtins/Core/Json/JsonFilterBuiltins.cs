using System.Globalization;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Json;

/// <summary><c>json.filter</c>, <c>json.remove</c>.</summary>
[BuiltinGroup]
internal static class JsonFilterBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("json.filter", 2, static (_, a) =>
        {
            var obj = BuiltinArgs.Object("json.filter", a, 0);
            return Filter(obj, JsonPaths.ToTree(JsonPaths.Parse("json.filter", a[1])));
        });
        t.Add("json.remove", 2, static (_, a) =>
        {
            var obj = BuiltinArgs.Object("json.remove", a, 0);
            return Remove(obj, JsonPaths.ToTree(JsonPaths.Parse("json.remove", a[1])));
        });
    }

    private static StringValue Index(int i) => StringValue.From(i.ToString(CultureInfo.InvariantCulture));

    /// <summary>Keeps what the filter tree names; a null leaf keeps the whole value.</summary>
    private static Value Filter(Value v, Value filter)
    {
        if (filter is not ObjectValue f)
        {
            return v;
        }

        switch (v)
        {
            case ArrayValue arr:
                var items = new List<Value>();
                for (var i = 0; i < arr.Count; i++)
                {
                    if (f.Get(Index(i)) is { } sub)
                    {
                        items.Add(Filter(arr[i], sub));
                    }
                }

                return ArrayValue.Wrap([.. items]);
            case SetValue set:
                var kept = new HashSet<Value>();
                foreach (var e in set.Unordered)
                {
                    if (f.Get(e) is { } sub)
                    {
                        kept.Add(Filter(e, sub));
                    }
                }

                return SetValue.Wrap(kept);
            case ObjectValue obj:
                var map = new Dictionary<Value, Value>();
                foreach (var p in f.Map)
                {
                    if (obj.Get(p.Key) is { } value)
                    {
                        map[p.Key] = Filter(value, p.Value);
                    }
                }

                return ObjectValue.Wrap(map);
            default:
                return v;
        }
    }

    /// <summary>Drops what the tree's null leaves name; null result means "remove this value".</summary>
    private static Value? Remove(Value v, Value? tree)
    {
        switch (tree)
        {
            case null:
                return v;
            case NullValue:
                return null;
            case not ObjectValue:
                return v;
        }

        var t = (ObjectValue)tree;
        switch (v)
        {
            case ObjectValue obj:
                var map = new Dictionary<Value, Value>(obj.Count);
                foreach (var p in obj.Map)
                {
                    if (Remove(p.Value, t.Get(p.Key)) is { } kept)
                    {
                        map[p.Key] = kept;
                    }
                }

                return ObjectValue.Wrap(map);
            case SetValue set:
                var s = new HashSet<Value>();
                foreach (var e in set.Unordered)
                {
                    if (Remove(e, t.Get(e)) is { } kept)
                    {
                        s.Add(kept);
                    }
                }

                return SetValue.Wrap(s);
            case ArrayValue arr:
                var items = new List<Value>(arr.Count);
                for (var i = 0; i < arr.Count; i++)
                {
                    if (Remove(arr[i], t.Get(Index(i))) is { } kept)
                    {
                        items.Add(kept);
                    }
                }

                return ArrayValue.Wrap([.. items]);
            default:
                return v;
        }
    }
}
