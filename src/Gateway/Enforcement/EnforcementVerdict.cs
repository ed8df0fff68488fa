namespace AgentGate.Gateway.Enforcement;

internal enum EnforcementVerdict
{
    Allow,
    Deny,
    HeldForApproval,
}
