using AgentGate.Gateway.Identity;
using AgentGate.Sandbox.Tokens;

namespace AgentGate.Gateway.Fleet;

/// <summary>Issues and revokes agent tokens in this gateway's own token store (fleets the gateway process manages itself, and the reaper).</summary>
internal sealed class LocalTokenIssuer(TokenStore tokens, TimeSpan? ttl = null) : ITokenIssuer
{
    public async ValueTask<AgentToken> IssueAsync(AgentTokenRequest request, CancellationToken cancellationToken)
    {
        var result = await tokens.IssueAsync(request.Agent.Id, request.Agent.Task.Length == 0 ? null : request.Agent.Task, ttl, cancellationToken);
        return result.Token is { } t
            ? new AgentToken(t.Id, t.Token, t.ExpiresAt)
            : throw new InvalidOperationException($"no token for agent '{request.Agent.Id}': {result.Error}");
    }

    public async ValueTask RevokeAsync(string tokenId, CancellationToken cancellationToken)
    {
        // false for a token of another (dead) gateway whose in-memory store died with it
        await tokens.RevokeAsync(tokenId, cancellationToken);
    }
}
