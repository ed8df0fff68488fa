using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>The budget gate inside the real gateway: reserve before forwarding, settle into the audit record.</summary>
public sealed class BudgetGateTests
{
    private static async Task<HttpResponseMessage> MessagesAsync(GatewayTestHost host, string token, int maxTokens)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent($$"""{"model":"claude-sonnet-4-5","max_tokens":{{maxTokens}},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", token);
        var response = await host.Agent.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task ModelCall_OverAgentTokenBudget_429BudgetExceededAuditedNeverForwarded()
    {
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Budgets:Agent:Tokens"] = "500" });
        var token = await host.IssueTokenAsync();

        using var response = await MessagesAsync(host, token, 4000);

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        var error = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("budget_exceeded", error.GetProperty("type").GetString());
        Assert.Contains("builder-17", error.GetProperty("message").GetString());
        Assert.Empty(host.Upstream.Seen);
        var record = (await host.ReadAuditAsync()).Last();
        Assert.Equal("deny", record.Decision);
        Assert.StartsWith("budget_exceeded", record.Reason);
    }

    [Fact]
    public async Task ModelCall_Settled_AuditCarriesCostAndBudgetShowsSpend()
    {
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["AgentGate:Budgets:Prices:claude-sonnet-4-5:Input"] = "3",
            ["AgentGate:Budgets:Prices:claude-sonnet-4-5:Output"] = "15",
            ["AgentGate:Budgets:Agent:Tokens"] = "1000000",
        });
        var token = await host.IssueTokenAsync();

        using var response = await MessagesAsync(host, token, 64);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var record = (await host.ReadAuditAsync()).Last();
        Assert.Equal("allow", record.Decision);
        Assert.NotNull(record.InputTokens);
        var expected = ((record.InputTokens ?? 0) * 3m + (record.OutputTokens ?? 0) * 15m) / 1_000_000m;
        Assert.Equal(expected, record.CostUsd);
        var budgets = await host.Admin.GetStringAsync("/admin/budgets");
        Assert.Contains("builder-17", budgets);
    }

    [Fact]
    public async Task BudgetAdmin_PutLimit_AuditedWithWhoOldAndNewBadIdIsBadRequest()
    {
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Budgets:Agent:Tokens"] = "2000000" });

        using var put = await host.Admin.PutAsJsonAsync("/admin/budgets/limits/agent:builder-17:tokens", new { limit = 1000, by = "sam" });
        using var bad = await host.Admin.PutAsJsonAsync("/admin/budgets/limits/agent:builder-17", new { limit = 1 });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("bad_request", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("type").GetString());
        var records = (await host.ReadAuditAsync()).Where(r => r.Kind == "admin").ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal("allow", records[0].Decision);
        Assert.Equal("budget limit agent:builder-17:tokens", records[0].Target);
        Assert.Equal("limit agent:builder-17:tokens: 2000000 -> 1000 by sam from 127.0.0.1", records[0].Reason);
        Assert.Equal("deny", records[1].Decision);
        Assert.StartsWith("bad_request: limit id 'agent:builder-17' is not", records[1].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_InMemoryStore_SaysLocalNotRedis()
    {
        await using var host = await GatewayTestHost.StartAsync();

        var ready = await host.Admin.GetStringAsync("/readyz");

        Assert.Contains("in-memory budget store", ready, StringComparison.Ordinal);
        Assert.DoesNotContain("reachable", ready, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BudgetAdmin_WithoutAdminToken_401()
    {
        await using var host = await GatewayTestHost.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = host.Gateway.AdminAddress };

        using var response = await anonymous.GetAsync("/admin/budgets");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
