using System.Diagnostics.Metrics;
using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Budgets;

public sealed class BudgetMetricsTests
{
    [Fact]
    public async Task AdmitAndSettle_RecordsAdmissionsRejectionsTokensAndCost()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AgentGate:Budgets:Agent:Tokens"] = "3000",
            ["AgentGate:Budgets:Prices:claude-test:Input"] = "3",
            ["AgentGate:Budgets:Prices:claude-test:Output"] = "15",
        };
        using var host = new BudgetTestHost(new InMemoryBudgetStore(), new FakeTimeProvider(), settings);
        var factory = host.Services.GetRequiredService<IMeterFactory>();
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BudgetMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, factory))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, _, _) => { lock (totals) { totals[i.Name] = totals.GetValueOrDefault(i.Name) + v; } });
        listener.SetMeasurementEventCallback<double>((i, v, _, _) => { lock (totals) { totals[i.Name] = totals.GetValueOrDefault(i.Name) + v; } });
        listener.Start();

        var admitted = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        var rejected = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        await host.Admission.SettleAsync(admitted.Reservation!, 1000, 1000, 0, 200, null, CancellationToken.None);

        Assert.False(rejected.IsAdmitted);
        Assert.Equal(1, totals["agentgate.budget.admissions"]);
        Assert.Equal(1, totals["agentgate.budget.rejections"]);
        Assert.Equal(2000, totals["agentgate.llm.tokens"]);
        Assert.Equal(0.018, totals["agentgate.llm.cost"], 6);
    }
}
