namespace AgentGate.Gateway.Audit;

/// <summary>Result of verifying a chain: intact with its head, or the first bad line and why.</summary>
internal sealed record AuditVerification(bool IsIntact, int Lines, int? BadLine, string? Problem, string? Head)
{
    public static AuditVerification Intact(int lines, string head) => new(true, lines, null, null, head);

    public static AuditVerification Broken(int line, string problem) => new(false, line, line, problem, null);
}
