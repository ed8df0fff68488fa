using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Budgets;

public sealed class ContextWatchTests
{
    [Fact]
    public async Task SettleAsync_SessionPast80Percent_FlagsIt()
    {
        var settings = new Dictionary<string, string?> { ["AgentGate:Budgets:ContextWindows:claude-test"] = "200000" };
        using var host = new BudgetTestHost(new InMemoryBudgetStore(), new FakeTimeProvider(), settings);
        var first = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", session: "s1"), CancellationToken.None);
        var below = await host.Admission.SettleAsync(first.Reservation!, 150_000, 10, 0, 200, null, CancellationToken.None);
        Assert.False(below.Context!.Flagged);

        var second = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1", session: "s1"), CancellationToken.None);
        var above = await host.Admission.SettleAsync(second.Reservation!, 10_000, 10, 155_000, 200, null, CancellationToken.None);

        Assert.True(above.Context!.Flagged);
        Assert.Equal(0.825, above.Context.Ratio, 3);
        Assert.Equal("s1", Assert.Single(host.Context.Flagged()).Session);
        Assert.Equal(1, host.Context.FlaggedCount);
    }
}
