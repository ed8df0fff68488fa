namespace AgentGate.Gateway.Audit;

internal static class AuditDecisions
{
    public const string Allow = "allow";
    public const string Deny = "deny";
}
