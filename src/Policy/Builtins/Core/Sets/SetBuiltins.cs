using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Sets;

/// <summary><c>and</c> (&amp;), <c>or</c> (|), <c>intersection</c>, <c>union</c>.</summary>
[BuiltinGroup]
internal static class SetBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("and", 2, static (_, a) => SetOps.Intersect(BuiltinArgs.Set("and", a, 0), BuiltinArgs.Set("and", a, 1)));
        t.Add("or", 2, static (_, a) => SetOps.Union(BuiltinArgs.Set("or", a, 0), BuiltinArgs.Set("or", a, 1)));
        t.Add("intersection", 1, Intersection);
        t.Add("union", 1, Union);
        t.Add("set_diff", 2, static (_, a) => SetOps.Difference(BuiltinArgs.Set("set_diff", a, 0), BuiltinArgs.Set("set_diff", a, 1)));
    }

    private static Value Intersection(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var sets = SetsOf("intersection", a);
        if (sets.Count == 0)
        {
            return SetValue.Empty;
        }

        var result = sets.Items[0] as SetValue ?? SetValue.Empty;
        for (var i = 1; i < sets.Items.Count && result.Count > 0; i++)
        {
            result = SetOps.Intersect(result, (SetValue)sets.Items[i]);
        }

        return result;
    }

    private static Value Union(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var sets = SetsOf("union", a);
        var result = new HashSet<Value>();
        foreach (var s in sets.Items)
        {
            result.UnionWith(((SetValue)s).Unordered);
        }

        return SetValue.Wrap(result);
    }

    private static SetValue SetsOf(string name, ReadOnlySpan<Value> a)
    {
        var outer = BuiltinArgs.Set(name, a, 0);
        foreach (var s in outer.Unordered)
        {
            if (s is not SetValue)
            {
                throw CoreErrors.Element(name, 1, outer, s, "set");
            }
        }

        return outer;
    }
}
