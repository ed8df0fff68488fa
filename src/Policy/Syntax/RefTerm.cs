namespace AgentGate.Policy.Syntax;

internal sealed record RefTerm(Loc Loc, Term Head, Term[] Path) : Term(Loc);
