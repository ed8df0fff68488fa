namespace AgentGate.Sandbox.Tokens;

/// <summary>
/// Issues the short-lived gateway token that is the only credential a container ever receives, and revokes it at teardown.
/// Fleet bring-up and teardown call it from several agents at once: implementations must be thread-safe.
/// </summary>
public interface ITokenIssuer
{
    ValueTask<AgentToken> IssueAsync(AgentTokenRequest request, CancellationToken cancellationToken);

    /// <summary>Revokes a token by its id; must be idempotent (teardown and the reaper may both call it).</summary>
    ValueTask RevokeAsync(string tokenId, CancellationToken cancellationToken);
}
