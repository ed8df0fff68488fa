namespace AgentGate.Policy.Syntax;

internal sealed record WithModifier(Term Target, Term Value);
