using System.Text;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Gateway.Tests.Metrics;

namespace AgentGate.Gateway.Tests.Enforcement;

public sealed class DecisionMemoGatewayTests
{
    [Theory]
    [InlineData(null, 2)]
    [InlineData("false", 0)]
    public async Task ModelCalls_RepeatedEqualCall_MemoizedUnlessSwitchedOff(string? setting, int memoized)
    {
        var extra = new Dictionary<string, string?> { ["AgentGate:Policy:DecisionMemo"] = setting };
        await using var host = await GatewayTestHost.StartAsync(extra: extra);
        using var metrics = new MeasurementLog(host.Gateway.Services, PolicyMetrics.MeterName);
        var token = await host.IssueTokenAsync();

        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
            {
                Content = new StringContent("""{"model":"claude-x","max_tokens":8,"messages":[]}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new("Bearer", token);
            using var response = await host.Agent.SendAsync(request);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        }

        Assert.Equal(memoized, (int)metrics.Of("agentgate.policy.decisions.memoized").Sum(m => m.Value));
        Assert.Equal(3, (await host.ReadAuditAsync()).Count(r => r.Kind == "llm" && r.Decision == "allow"));
    }
}
