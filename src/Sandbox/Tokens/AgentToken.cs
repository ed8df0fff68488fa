namespace AgentGate.Sandbox.Tokens;

/// <summary>A gateway token: <see cref="Id"/> is safe to store in a label; <see cref="Value"/> goes only into the container.</summary>
public sealed record AgentToken(string Id, string Value, DateTimeOffset? ExpiresAt = null)
{
    public override string ToString() => $"AgentToken {{ Id = {Id}, Value = ***, ExpiresAt = {ExpiresAt} }}";
}
