namespace AgentGate.Policy.Syntax;

/// <summary>A call; <see cref="Name"/> is the dotted operator/function name as written (or resolved).</summary>
internal sealed record CallTerm(Loc Loc, string Name, Term[] Args) : Term(Loc);
