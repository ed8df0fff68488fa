namespace AgentGate.Policy.Syntax;

internal sealed record ArrayTerm(Loc Loc, Term[] Items) : Term(Loc);
