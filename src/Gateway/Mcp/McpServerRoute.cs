using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Mcp;

/// <summary>A configured MCP server with its credential resolved once at start (never logged or echoed).</summary>
internal sealed class McpServerRoute
{
    public McpServerRoute(McpServerConfig config)
    {
        Config = config;
        if (config.Secret is { } secret)
        {
            Credential = SecretResolver.Resolve(secret, out var problem);
            CredentialProblem = problem;
        }
    }

    public McpServerConfig Config { get; }

    public string Name => Config.Name;

    public string? Credential { get; }

    /// <summary>Why a configured secret could not be resolved; the server is then refused with 503.</summary>
    public string? CredentialProblem { get; }

    public string? CredentialHeaderValue =>
        Credential is null ? null : Config.SecretPrefix.Length == 0 ? Credential : Config.SecretPrefix + " " + Credential;
}
