namespace AgentGate.Policy.Syntax;

internal sealed record ObjectTerm(Loc Loc, (Term Key, Term Value)[] Items) : Term(Loc);
