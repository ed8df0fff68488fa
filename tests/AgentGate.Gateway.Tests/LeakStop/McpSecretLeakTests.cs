using System.Net;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.LeakStop;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.LeakStop;

/// <summary>MCP server secrets are gateway-held secrets: an HTTP server's is bound to its host, a stdio server's env secrets to none.</summary>
public sealed class McpSecretLeakTests
{
    private const string HttpSecret = "mcp-http-server-secret-77";
    private const string EnvSecret = "mcp-stdio-env-secret-88";

    [Fact]
    public async Task ModelCall_PromptCarriesMcpServerSecret_403CredentialLeakNamingServer()
    {
        await using var host = await StartAsync();
        var token = await host.IssueTokenAsync();

        using var response = await SendPromptAsync(host, token, "call the tracker with " + HttpSecret);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("credential_leak", body, StringComparison.Ordinal);
        Assert.Contains("mcp:tracker", body, StringComparison.Ordinal);
        Assert.DoesNotContain(HttpSecret, body, StringComparison.Ordinal);
        Assert.Empty(host.Upstream.Seen);
    }

    [Fact]
    public async Task Scanner_McpSecrets_BoundToServerHostOrToNoHost()
    {
        await using var host = await StartAsync();
        var scanner = host.Gateway.Services.GetRequiredService<LeakStopScanner>();

        Assert.Null(LeakStopScanner.Scan(scanner.Bound, Encoding.UTF8.GetBytes(HttpSecret), "mcp.example.com"));
        Assert.NotNull(LeakStopScanner.Scan(scanner.Bound, Encoding.UTF8.GetBytes(HttpSecret), "elsewhere.example.com"));
        Assert.NotNull(LeakStopScanner.Scan(scanner.Bound, Encoding.UTF8.GetBytes(EnvSecret), "mcp.example.com"));
        Assert.NotNull(LeakStopScanner.Scan(scanner.Bodies, Encoding.UTF8.GetBytes(Convert.ToBase64String(Encoding.UTF8.GetBytes(EnvSecret))), null));
    }

    private static async Task<GatewayTestHost> StartAsync()
    {
        var suffix = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("AG_TEST_MCP_HTTP_" + suffix, HttpSecret);
        Environment.SetEnvironmentVariable("AG_TEST_MCP_ENV_" + suffix, EnvSecret);
        return await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["AgentGate:Mcp:Servers:tracker:Url"] = "https://mcp.example.com/mcp",
            ["AgentGate:Mcp:Servers:tracker:Secret"] = "env:AG_TEST_MCP_HTTP_" + suffix,
            ["AgentGate:Mcp:Servers:local:Command"] = "/bin/true",
            ["AgentGate:Mcp:Servers:local:Env:TOKEN"] = "env:AG_TEST_MCP_ENV_" + suffix,
        });
    }

    private static async Task<HttpResponseMessage> SendPromptAsync(GatewayTestHost host, string token, string prompt)
    {
        var body = JsonSerializer.Serialize(new { model = "claude-haiku-4-5", max_tokens = 16, messages = new[] { new { role = "user", content = prompt } } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", token);
        return await host.Agent.SendAsync(request);
    }
}
