namespace AgentGate.Gateway.Mcp;

/// <summary>
/// The environment of a launched stdio server: a few neutral variables from the gateway (so the command can be
/// found and run) plus the server's own <c>Env</c>. Nothing else is inherited — the gateway's environment holds
/// other upstreams' secrets, and a secret bound to one upstream never reaches another.
/// </summary>
internal static class StdioEnvironment
{
    private static readonly string[] Inherited =
        ["PATH", "HOME", "USER", "LANG", "LC_ALL", "TMPDIR", "TEMP", "TMP", "DOTNET_ROOT", "DOTNET_CLI_HOME", "SYSTEMROOT", "WINDIR", "COMSPEC", "PATHEXT"];

    public static void Apply(IDictionary<string, string?> environment, McpServerConfig server)
    {
        environment.Clear();
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value)
            {
                environment[name] = value;
            }
        }

        foreach (var (name, reference) in server.Env)
        {
            var value = reference.Resolve(out var problem);
            if (value is null)
            {
                throw new McpUpstreamException($"environment variable '{name}' of MCP server '{server.Name}' is unavailable: {problem}");
            }

            environment[name] = value;
        }
    }
}
