namespace AgentGate.Gateway.Guards.Leaks;

/// <summary>What was found; never contains the secret. <see cref="SecretName"/> is set for registered secrets.</summary>
internal sealed record LeakFinding(string Kind, string? SecretName, string Encoding)
{
    public override string ToString() => SecretName is null ? $"{Kind} ({Encoding})" : $"{Kind} '{SecretName}' ({Encoding})";
}
