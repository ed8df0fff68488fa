using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Sets;

/// <summary>Set algebra on immutable sets.</summary>
internal static class SetOps
{
    public static SetValue Difference(SetValue a, SetValue b)
    {
        if (b.Count == 0 || a.Count == 0)
        {
            return a;
        }

        var result = new HashSet<Value>(a.Unordered);
        result.ExceptWith(b.Unordered);
        return result.Count == a.Count ? a : SetValue.Wrap(result);
    }

    public static SetValue Intersect(SetValue a, SetValue b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var result = new HashSet<Value>();
        foreach (var v in small.Unordered)
        {
            if (large.Contains(v))
            {
                result.Add(v);
            }
        }

        return SetValue.Wrap(result);
    }

    public static SetValue Union(SetValue a, SetValue b)
    {
        if (b.Count == 0)
        {
            return a;
        }

        if (a.Count == 0)
        {
            return b;
        }

        var result = new HashSet<Value>(a.Unordered);
        result.UnionWith(b.Unordered);
        return SetValue.Wrap(result);
    }
}
