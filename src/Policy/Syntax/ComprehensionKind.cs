namespace AgentGate.Policy.Syntax;

internal enum ComprehensionKind
{
    Array,
    Set,
    Object,
}
