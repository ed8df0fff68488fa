namespace AgentGate.Policy.Syntax;

internal enum RuleKind
{
    Complete,
    Contains,
    Function,
}
