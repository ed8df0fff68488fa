namespace AgentGate.Gateway.Identity;

/// <summary>
/// One line of the token file: <c>{"op":"issue","id":…,"hash":…,"agent":…,"task":…,"issuedAt":…,"expiresAt":…}</c>
/// or <c>{"op":"revoke","id":…}</c>. The plain token is never written.
/// </summary>
internal sealed record TokenFileLine(string Op, string Id, string? Hash = null, string? Agent = null, string? Task = null, DateTimeOffset? IssuedAt = null, DateTimeOffset? ExpiresAt = null)
{
    public const string Issue = "issue";
    public const string Revoke = "revoke";

    public static TokenFileLine From(TokenRecord record) =>
        new(Issue, record.Id, record.Hash, record.AgentId, record.Task, record.IssuedAt, record.ExpiresAt);

    public TokenRecord? ToRecord() =>
        Op == Issue && Hash is not null && Agent is not null && IssuedAt is { } issued && ExpiresAt is { } expires
            ? new TokenRecord(Id, Hash, Agent, Task, issued, expires)
            : null;
}
