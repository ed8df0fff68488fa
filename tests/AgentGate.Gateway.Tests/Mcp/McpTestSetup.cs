using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>Starts a gateway with an HTTP MCP server ("repo", credential injected) and the stdio test server ("issues").</summary>
internal static class McpTestSetup
{
    public const string RepoSecret = "mcp-repo-upstream-secret-value";
    public const string TrackerSecret = "tracker-secret-for-stdio-server";

    public static async Task<(GatewayTestHost Host, McpUpstreamServer Upstream)> StartAsync(bool stateless = true, IDictionary<string, string?>? extra = null)
    {
        var upstream = await McpUpstreamServer.StartAsync(stateless);
        var suffix = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("AG_TEST_MCP_REPO_" + suffix, RepoSecret);
        Environment.SetEnvironmentVariable("AG_TEST_MCP_TRACKER_" + suffix, TrackerSecret);
        var settings = new Dictionary<string, string?>
        {
            ["AgentGate:Mcp:Servers:repo:Url"] = upstream.Endpoint.ToString(),
            ["AgentGate:Mcp:Servers:repo:Secret"] = "env:AG_TEST_MCP_REPO_" + suffix,
            ["AgentGate:Mcp:Servers:issues:Command"] = "dotnet",
            ["AgentGate:Mcp:Servers:issues:Args:0"] = McpTestServerBinary.Path,
            ["AgentGate:Mcp:Servers:issues:Env:TRACKER_TOKEN"] = "env:AG_TEST_MCP_TRACKER_" + suffix,
            ["AgentGate:Mcp:Servers:issues:Env:TRACKER_MODE"] = "test",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        try
        {
            return (await GatewayTestHost.StartAsync(extra: settings), upstream);
        }
        catch
        {
            await upstream.DisposeAsync();
            throw;
        }
    }

    /// <summary>The official SDK client, talking to the gateway with the agent's token.</summary>
    public static Task<McpClient> ConnectAsync(GatewayTestHost host, string token, string server, string? protocolVersion = null)
    {
        // The SDK client's HTTP client may keep a pooled connection that never carried a request; Kestrel's
        // graceful stop would wait for it, so it is closed as soon as the gateway begins to stop.
        var http = new HttpClient();
        host.Gateway.App.Lifetime.ApplicationStopping.Register(http.Dispose);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(host.Gateway.AgentAddress, "/mcp/" + server),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + token },
        }, http, NullLoggerFactory.Instance, ownsHttpClient: true);
        return McpClient.CreateAsync(transport, new McpClientOptions { ProtocolVersion = protocolVersion }, NullLoggerFactory.Instance, TestContext.Timeout);
    }
}
