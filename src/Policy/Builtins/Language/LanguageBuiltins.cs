using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Language;

/// <summary>Builtins the language itself needs: comparison operators, membership, trace, opa.runtime.</summary>
[BuiltinGroup]
internal static class LanguageBuiltins
{
    internal static void Register(BuiltinTable table)
    {
        table.Add("equal", 2, static (_, a) => BooleanValue.From(a[0].Equals(a[1])));
        table.Add("eq", 2, static (_, a) => BooleanValue.From(a[0].Equals(a[1])));
        table.Add("neq", 2, static (_, a) => BooleanValue.From(!a[0].Equals(a[1])));
        table.Add("lt", 2, static (_, a) => BooleanValue.From(a[0].CompareTo(a[1]) < 0));
        table.Add("lte", 2, static (_, a) => BooleanValue.From(a[0].CompareTo(a[1]) <= 0));
        table.Add("gt", 2, static (_, a) => BooleanValue.From(a[0].CompareTo(a[1]) > 0));
        table.Add("gte", 2, static (_, a) => BooleanValue.From(a[0].CompareTo(a[1]) >= 0));
        table.Add("internal.member_2", 2, static (_, a) => BooleanValue.From(Member(a[0], a[1])));
        table.Add("internal.member_3", 3, static (_, a) => BooleanValue.From(Member3(a[0], a[1], a[2])));
        table.Add("trace", 1, static (ctx, a) =>
        {
            ctx.PrintOutput?.WriteLine(BuiltinArgs.String("trace", a, 0));
            return BooleanValue.True;
        });
        // The embedded engine exposes no runtime configuration or environment, as OPA without a runtime.
        table.Add("opa.runtime", 0, static (_, _) => ObjectValue.Empty);
        table.Add("internal.template_string", 1, static (_, a) =>
        {
            var arr = BuiltinArgs.Array("internal.template_string", a, 0);
            var sb = new System.Text.StringBuilder();
            foreach (var v in arr.Items)
            {
                sb.Append(v is StringValue s ? s.Value : v.ToString());
            }

            return StringValue.From(sb.ToString());
        });
    }

    private static bool Member(Value x, Value coll) => coll switch
    {
        ArrayValue arr => arr.Items.Contains(x),
        SetValue set => set.Contains(x),
        ObjectValue obj => obj.Map.Values.Contains(x),
        _ => false,
    };

    private static bool Member3(Value k, Value v, Value coll) => coll switch
    {
        ArrayValue arr => k is NumberValue n && n.TryGetInt32(out var i) && i >= 0 && i < arr.Count && arr[i].Equals(v),
        ObjectValue obj => obj.TryGetValue(k, out var x) && x.Equals(v),
        SetValue set => k.Equals(v) && set.Contains(v),
        _ => false,
    };
}
