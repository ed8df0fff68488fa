using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// One upstream MCP server under <c>AgentGate:Mcp:Servers:&lt;name&gt;</c>: either an HTTP server (<see cref="Url"/>,
/// optional credential injected into <see cref="SecretHeaderName"/>) or a stdio server the gateway launches
/// (<see cref="Command"/>, <see cref="Args"/>, <see cref="Env"/> whose values may be secret references).
/// </summary>
internal sealed record McpServerConfig
{
    public required string Name { get; init; }

    public Uri? Url { get; init; }

    public SecretReference? Secret { get; init; }

    public string SecretHeaderName { get; init; } = "Authorization";

    /// <summary>Written before the secret with one space, e.g. <c>Bearer</c>; empty for a bare value.</summary>
    public string SecretPrefix { get; init; } = "Bearer";

    public string? Command { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Literal values, or secret references resolved when the process starts.</summary>
    public IReadOnlyDictionary<string, McpEnvValue> Env { get; init; } = new Dictionary<string, McpEnvValue>();

    public string? WorkingDirectory { get; init; }

    public bool IsStdio => Command is not null;
}
