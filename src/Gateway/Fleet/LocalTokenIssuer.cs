using AgentGate.Gateway.Identity;
using AgentGate.Sandbox.Tokens;

namespace AgentGate.Gateway.Fleet;

/// <summary>Issues and revokes agent tokens in this gateway's own token store (fleets the gateway process manages itself, and the reaper).</summary>
internal sealed class LocalTokenIssuer(TokenStore tokens, TimeSpan? ttl = null) : ITokenIssuer
{
    public ValueTask<AgentToken> IssueAsync(AgentTokenRequest request, CancellationToken cancellationToken)
    {
        var result = tokens.Issue(request.Agent.Id, request.Agent.Task.Length == 0 ? null : request.Agent.Task, ttl);
        return result.Token is { } t
            ? ValueTask.FromResult(new AgentToken(t.Id, t.Token, t.ExpiresAt))
            : throw new InvalidOperationException($"no token for agent '{request.Agent.Id}': {result.Error}");
    }

    public ValueTask RevokeAsync(string tokenId, CancellationToken cancellationToken)
    {
        tokens.Revoke(tokenId); // false for a token of another (dead) gateway: it died with that gateway's store
        return ValueTask.CompletedTask;
    }
}
