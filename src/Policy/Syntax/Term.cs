namespace AgentGate.Policy.Syntax;

internal abstract record Term(Loc Loc);
