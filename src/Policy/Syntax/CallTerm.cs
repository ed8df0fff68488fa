namespace AgentGate.Policy.Syntax;

/// <summary>A call; <see cref="Name"/> is the dotted operator/function name as written (or resolved).</summary>
internal sealed record CallTerm(Loc Loc, string Name, Term[] Args) : Term(Loc)
{
    /// <summary>
    /// What the compiler resolved <see cref="Name"/> to: a <see cref="Builtins.BuiltinDefinition"/> or the
    /// <see cref="Compilation.RuleNode"/> of a function; null for language calls. Used while no function is
    /// replaced with <c>with</c>.
    /// </summary>
    public object? Target { get; set; }
}
