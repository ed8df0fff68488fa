namespace AgentGate.Gateway.Admin;

/// <summary>Body of <c>POST /admin/tokens</c>.</summary>
internal sealed record TokenRequest(string? Agent, string? Task, long? TtlSeconds)
{
    public const string Shape = "{\"agent\":\"…\",\"task\":\"…\"?,\"ttlSeconds\":n?}";
}
