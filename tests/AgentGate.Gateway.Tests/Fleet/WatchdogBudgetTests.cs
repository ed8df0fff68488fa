using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.Fleet;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Sandbox.Runtime;
using AgentGate.Sandbox.Watchdog;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Fleet;

/// <summary>over_budget from the budget snapshot behind GET /admin/budgets, and the configured action (pause model access).</summary>
public sealed class WatchdogBudgetTests
{
    private static Task<GatewayTestHost> StartAsync(string agentTokens) => GatewayTestHost.StartAsync(
        services => services.AddSingleton(_ => ContainerRuntimes.CreateDocker(new Uri("unix:///nonexistent/agentgate-test-docker.sock"))),
        new Dictionary<string, string?> { ["AgentGate:Budgets:Agent:Tokens"] = agentTokens, ["AgentGate:Watchdog:Interval"] = "01:00:00" });

    private static async Task<HttpStatusCode> ModelCallAsync(GatewayTestHost host, string token)
    {
        using var call = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        call.Headers.Add("x-api-key", token);
        using var answer = await host.Agent.SendAsync(call);
        return answer.StatusCode;
    }

    private static async Task<JsonElement> AgentAsync(GatewayTestHost host)
    {
        var body = await host.Admin.GetFromJsonAsync<JsonElement>("/admin/agents");
        return Assert.Single(body.GetProperty("agents").EnumerateArray().ToList());
    }

    [Fact]
    public async Task Tick_AgentBudgetSpent_OverBudgetAndPausedUntilLimitRaised()
    {
        await using var host = await StartAsync("100000");
        var watchdog = host.Gateway.Services.GetRequiredService<AgentWatchdog>();
        var index = host.Gateway.Services.GetRequiredService<FleetAgentIndex>();
        var service = host.Gateway.Services.GetRequiredService<WatchdogService>();
        watchdog.Register("demo", "builder-17", "ISSUE-342");
        index.Replace([("demo", "builder-17")]);
        var token = await host.IssueTokenAsync();
        Assert.Equal(HttpStatusCode.OK, await ModelCallAsync(host, token)); // spends 25 in + 15 out
        using (var lower = await host.Admin.PutAsJsonAsync("/admin/budgets/limits/agent:builder-17:tokens", new { limit = 30 }))
            Assert.Equal(HttpStatusCode.OK, lower.StatusCode);

        await service.TickAsync(CancellationToken.None);

        var over = await AgentAsync(host);
        Assert.Equal("over_budget", over.GetProperty("state").GetString());
        Assert.Contains("agent:builder-17:tokens spent 40 of 30", over.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(over.GetProperty("budgetExhausted").GetBoolean());
        Assert.NotNull(index.PausedReason("builder-17"));

        using (var raise = await host.Admin.PutAsJsonAsync("/admin/budgets/limits/agent:builder-17:tokens", new { limit = 100000 }))
            Assert.Equal(HttpStatusCode.OK, raise.StatusCode);
        await service.TickAsync(CancellationToken.None);

        Assert.Equal("working", (await AgentAsync(host)).GetProperty("state").GetString());
        Assert.Null(index.PausedReason("builder-17"));
        Assert.Equal(HttpStatusCode.OK, await ModelCallAsync(host, token));
    }

    [Fact]
    public async Task Tick_BudgetLeft_StaysWorking()
    {
        await using var host = await StartAsync("100000");
        var watchdog = host.Gateway.Services.GetRequiredService<AgentWatchdog>();
        watchdog.Register("demo", "builder-17", "ISSUE-342");
        host.Gateway.Services.GetRequiredService<FleetAgentIndex>().Replace([("demo", "builder-17")]);
        Assert.Equal(HttpStatusCode.OK, await ModelCallAsync(host, await host.IssueTokenAsync()));

        await host.Gateway.Services.GetRequiredService<WatchdogService>().TickAsync(CancellationToken.None);

        Assert.Equal("working", (await AgentAsync(host)).GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("agent:builder-17:tokens", "builder-17", "T-1", true)]
    [InlineData("agent:builder-18:tokens", "builder-17", "T-1", false)]
    [InlineData("task:T-1:cost", "builder-17", "T-1", true)]
    [InlineData("task:T-2:cost", "builder-17", "T-1", false)]
    [InlineData("task::cost", "builder-17", "", false)]
    [InlineData("fleet:*:tokens", "builder-17", "", true)]
    public void ReasonFor_ExhaustedLimit_AppliesToItsAgentTaskOrFleet(string limitId, string agent, string task, bool applies)
    {
        var exhausted = new Dictionary<string, string> { [limitId] = "budget exhausted: " + limitId };

        Assert.Equal(applies, BudgetExhaustionProbe.ReasonFor(exhausted, agent, task) is not null);
    }
}
