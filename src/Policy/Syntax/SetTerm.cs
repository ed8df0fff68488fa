namespace AgentGate.Policy.Syntax;

internal sealed record SetTerm(Loc Loc, Term[] Items) : Term(Loc);
