namespace AgentGate.Policy.Syntax;

internal enum ExprKind
{
    Term,
    SomeDecl,
    SomeIn,
    Every,
}
