using AgentGate.Gateway.Budgets;

namespace AgentGate.Gateway.Tests.Budgets;

public abstract partial class BudgetStoreTests
{
    [Fact]
    public async Task AdmitAsync_ConcurrentFirstRequests_CannotOverspend()
    {
        if (!Available) return;
        var host = Host(Settings(("Agent:Tokens", "10000")));
        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None).AsTask()));
        Assert.Equal(5, results.Count(r => r.IsAdmitted));
        Assert.All(results.Where(r => !r.IsAdmitted), r => Assert.Equal(BudgetErrorTypes.BudgetExceeded, r.Rejection!.Type));
    }

    [Fact]
    public async Task SettleAsync_RealUsageBelowEstimate_RefundsBudgetAndPool()
    {
        if (!Available) return;
        var host = Host(Settings(("Agent:Tokens", "10000"), ("Pools:anthropic:InputTokensPerMinute", "1000"), ("Pools:anthropic:MaxQueueWait", "00:00:00")));
        var first = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        Assert.True(first.IsAdmitted);
        var blocked = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        Assert.Equal(BudgetErrorTypes.RateLimited, blocked.Rejection?.Type);

        await host.Admission.SettleAsync(first.Reservation!, 100, 150, 0, 200, null, CancellationToken.None);

        var spent = await host.Store.ReadCountersAsync([Prefix + "spend:agent:a1:tokens:20261123"], Time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
        Assert.Equal(250, spent[0]);
        var again = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 900), CancellationToken.None);
        Assert.True(again.IsAdmitted);
    }

    [Fact]
    public async Task SettleAsync_RealUsageAboveEstimate_ChargesPoolDebt()
    {
        if (!Available) return;
        var host = Host(Settings(("Pools:anthropic:InputTokensPerMinute", "1000"), ("Pools:anthropic:MaxQueueWait", "00:00:00")));
        var first = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 100), CancellationToken.None);

        await host.Admission.SettleAsync(first.Reservation!, 1000, 10, 0, 200, null, CancellationToken.None);

        var next = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", input: 100), CancellationToken.None);
        Assert.Equal("pool:anthropic:itpm", next.Rejection?.Rule);
        Assert.Equal(TimeSpan.FromSeconds(6), next.Rejection!.RetryAfter);
    }

    [Fact]
    public async Task AdmitAsync_BudgetExhausted_ExplainsUsage()
    {
        if (!Available) return;
        var host = Host(Settings(("Agent:Tokens", "2000000")));
        var first = await host.Admission.AdmitAsync(BudgetTestHost.Request("builder-17", 900_000, 100_000), CancellationToken.None);
        await host.Admission.SettleAsync(first.Reservation!, 1_500_000, 500_113, 0, 200, null, CancellationToken.None);

        var next = await host.Admission.AdmitAsync(BudgetTestHost.Request("builder-17", 10, 10), CancellationToken.None);

        Assert.False(next.IsAdmitted);
        Assert.Equal(BudgetErrorTypes.BudgetExceeded, next.Rejection.Type);
        Assert.Equal("agent:builder-17:tokens", next.Rejection.Rule);
        Assert.Equal("agent builder-17 used 2,000,113 of 2,000,000 tokens today", next.Rejection.Message);
    }

    [Fact]
    public async Task AdmitAsync_CostBudgetAndAdminOverride_AppliesOverride()
    {
        if (!Available) return;
        var settings = Settings(("Prices:claude-test:Input", "3"), ("Prices:claude-test:Output", "15"), ("Fleet:Cost", "100"));
        var host = Host(settings);
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
        var change = await host.Admin.SetLimitAsync("fleet:*:cost", 0.01m, CancellationToken.None);
        Assert.Equal(new BudgetLimitChange(null, 100m, 0.01m), change);

        var next = await host.Admission.AdmitAsync(BudgetTestHost.Request("a2"), CancellationToken.None);

        Assert.Equal("fleet:*:cost", next.Rejection?.Rule);
        Assert.StartsWith("the fleet used $0.02 of $0.01 today", next.Rejection!.Message, StringComparison.Ordinal);
        Assert.NotNull((await host.Admin.SetLimitAsync("bogus", 1, CancellationToken.None)).Error);
    }
}
