using System.Collections.Concurrent;
using AgentGate.Sandbox.Tokens;

namespace AgentGate.Sandbox.Tests.Integration;

internal sealed class RecordingTokenIssuer : ITokenIssuer
{
    public ConcurrentDictionary<string, AgentToken> Issued { get; } = new();

    public ConcurrentBag<string> Revoked { get; } = [];

    public ValueTask<AgentToken> IssueAsync(AgentTokenRequest request, CancellationToken cancellationToken)
    {
        var token = new AgentToken($"tok-{request.Agent.Id}", $"agt_{Guid.NewGuid():N}");
        Issued[token.Id] = token;
        return ValueTask.FromResult(token);
    }

    public ValueTask RevokeAsync(string tokenId, CancellationToken cancellationToken)
    {
        Revoked.Add(tokenId);
        return ValueTask.CompletedTask;
    }
}
