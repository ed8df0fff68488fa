using AgentGate.Gateway.Config;
using AgentGate.Gateway.Guards.Leaks;
using AgentGate.Gateway.Mcp;

namespace AgentGate.Gateway.LeakStop;

/// <summary>
/// The secrets of MCP servers: an HTTP server's <c>Secret</c> bound to that server's host, and the secret
/// references in a stdio server's <c>Env</c>, bound to no host at all (the gateway hands them only to the
/// process it launches, never over the network).
/// </summary>
internal static class McpSecretBindings
{
    public static IEnumerable<RegisteredSecret> Read(McpSettings settings, int maxBytes)
    {
        foreach (var server in settings.Servers.Values)
        {
            if (server.Secret is { } reference && SecretResolver.Resolve(reference, out _) is { } value && Fits(value, maxBytes))
            {
                yield return new RegisteredSecret("mcp:" + server.Name, value, server.Url is { } url ? [url.Host] : []);
            }

            foreach (var (name, env) in server.Env)
            {
                if (env.Secret is not null && env.Resolve(out _) is { } secret && Fits(secret, maxBytes))
                {
                    yield return new RegisteredSecret("mcp:" + server.Name + ":" + name, secret, []);
                }
            }
        }
    }

    private static bool Fits(string value, int maxBytes) => System.Text.Encoding.UTF8.GetByteCount(value) is >= 8 and var n && n <= maxBytes;
}
