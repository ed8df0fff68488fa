namespace AgentGate.Policy.Builtins;

/// <summary>A named builtin with its operand count (not counting the optional output argument).</summary>
public sealed record BuiltinDefinition(string Name, int Arity, BuiltinFunction Function)
{
    /// <summary>True for builtins whose result may differ between calls (time, random, http).</summary>
    public bool Nondeterministic { get; init; }
}
