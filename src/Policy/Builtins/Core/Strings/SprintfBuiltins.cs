using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Strings;

/// <summary><c>sprintf</c>.</summary>
[BuiltinGroup]
internal static class SprintfBuiltins
{
    internal static void Register(BuiltinTable t) => t.Add("sprintf", 2, Sprintf);

    private static Value Sprintf(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var format = BuiltinArgs.String("sprintf", a, 0);
        var args = BuiltinArgs.Array("sprintf", a, 1);
        return StringValue.From(GoFormat.Sprintf(format, args.Items));
    }
}
