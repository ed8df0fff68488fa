namespace AgentGate.Gateway.Tests.SandboxE2E;

[Collection(SandboxE2ECollection.Name)]
public sealed class SandboxModelCallTests(SandboxE2EFixture f)
{
    [Fact]
    public async Task Curl_MessagesThroughAnthropicBaseUrl_SucceedsAndAuditNamesAgentAndTask()
    {
        if (!f.Ready) return;
        var marker = "e2e-" + Guid.NewGuid().ToString("N")[..8];

        // Exactly what an SDK does: the base URL and the key from the environment, nothing else.
        var r = await f.ShAsync("builder-17", """
            curl -sS --fail-with-body -m 20 "$ANTHROPIC_BASE_URL/v1/messages" \
              -H "x-api-key: $ANTHROPIC_API_KEY" -H 'anthropic-version: 2023-06-01' -H 'content-type: application/json' \
              -d "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":32,\"messages\":[{\"role\":\"user\",\"content\":\"$1\"}]}"
            """, marker);

        Assert.True(r.Succeeded, r.Stdout + r.Stderr);
        Assert.Contains("Hello from fake", r.Stdout, StringComparison.Ordinal);
        var seen = Assert.Single(f.Host!.Upstream.Seen, s => s.Body.Contains(marker, StringComparison.Ordinal));
        Assert.Equal(Infrastructure.GatewayTestHost.RealAnthropicKey, seen.ApiKey);
        var record = Assert.Single(await f.Host.ReadAuditAsync(), a => a.Kind == "llm" && a.Agent == "builder-17" && a.Decision == "allow");
        Assert.Equal("ISSUE-342", record.Task);
        Assert.Equal(Infrastructure.FakeUpstream.AnthropicOutputTokens, record.OutputTokens);
    }
}
