using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Strings;

/// <summary>
/// strings.split_n(s, delimiter, n) as OPA: the first n pieces of <c>split(s, delimiter)</c> for n ≥ 0 (the rest
/// is dropped, so n = 0 gives []), the last |n| pieces for n &lt; 0. An empty delimiter splits into characters.
/// </summary>
[BuiltinGroup]
internal static class SplitNBuiltins
{
    private const string Name = "strings.split_n";

    internal static void Register(BuiltinTable t) => t.Add(Name, 3, static (_, a) =>
    {
        var s = BuiltinArgs.String(Name, a, 0);
        var d = BuiltinArgs.String(Name, a, 1);
        var n = CoreArgs.Int(Name, a, 2);
        var pieces = d.Length == 0 ? s.EnumerateRunes().Select(r => r.ToString()).ToArray() : s.Split(d);
        var kept = n >= 0 ? pieces.Take(n) : pieces.Skip(Math.Max(pieces.Length + n, 0));
        return ArrayValue.From(kept.Select(p => (Value)StringValue.From(p)));
    });
}
