namespace AgentGate.Gateway.Config;

/// <summary>One problem in the configuration: the full key path and what is wrong with its value.</summary>
internal sealed record ConfigError(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
