using AgentGate.Policy.Values;

namespace AgentGate.Policy.Syntax;

internal sealed record ScalarTerm(Loc Loc, Value Value) : Term(Loc);
