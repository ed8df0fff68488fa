namespace AgentGate.Gateway.Audit;

/// <summary>The filters of <c>agentgate audit query</c>; a null filter matches everything.</summary>
internal sealed record AuditFilter(string? Agent, string? Kind, string? Decision, DateTimeOffset? Since)
{
    public bool Matches(AuditRecord record) =>
        (Agent is null || string.Equals(record.Agent, Agent, StringComparison.Ordinal))
        && (Kind is null || string.Equals(record.Kind, Kind, StringComparison.Ordinal))
        && (Decision is null || string.Equals(record.Decision, Decision, StringComparison.Ordinal))
        && (Since is null || record.Time >= Since);
}
