using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Mcp;

/// <summary>An environment value of a stdio server: a literal, or a secret reference resolved at launch.</summary>
internal sealed record McpEnvValue(string? Literal, SecretReference? Secret)
{
    public static McpEnvValue Parse(string text) =>
        SecretReference.TryParse(text, out var reference) ? new McpEnvValue(null, reference) : new McpEnvValue(text, null);

    public string? Resolve(out string? problem)
    {
        problem = null;
        return Secret is null ? Literal : SecretResolver.Resolve(Secret, out problem);
    }
}
