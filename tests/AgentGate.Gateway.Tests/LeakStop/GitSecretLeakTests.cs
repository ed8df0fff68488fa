using System.Net;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.LeakStop;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.LeakStop;

/// <summary>A git upstream's secret is a gateway-held secret too: bound to its upstream host, refused elsewhere.</summary>
public sealed class GitSecretLeakTests
{
    private const string Password = "git-upstream-password-42";

    [Fact]
    public async Task ModelCall_PromptCarriesGitUpstreamPassword_403CredentialLeakNamingRepo()
    {
        var variable = "AG_TEST_GITSECRET_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, "ci-bot:" + Password);
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["AgentGate:Git:Repos:svc:Upstream"] = "https://git.example.com/org/svc.git",
            ["AgentGate:Git:Repos:svc:Secret"] = "env:" + variable,
        });
        var token = await host.IssueTokenAsync();
        var body = JsonSerializer.Serialize(new { model = "claude-haiku-4-5", max_tokens = 16, messages = new[] { new { role = "user", content = "use " + Password + " to push" } } });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", token);

        using var response = await host.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("git:svc", await response.Content.ReadAsStringAsync());
        Assert.Empty(host.Upstream.Seen);
        var scanner = host.Gateway.Services.GetRequiredService<LeakStopScanner>();
        Assert.Null(LeakStopScanner.Scan(scanner.Bound, Encoding.UTF8.GetBytes(Password), "git.example.com"));
        Assert.NotNull(LeakStopScanner.Scan(scanner.Bound, Encoding.UTF8.GetBytes(Password), "elsewhere.example.com"));
    }
}
