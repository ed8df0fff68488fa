using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>The one suite every <see cref="IBudgetStore"/> must pass.</summary>
public abstract partial class BudgetStoreTests : IDisposable
{
    private readonly List<BudgetTestHost> _hosts = [];

    internal string Prefix { get; } = $"agtest:{{{Guid.NewGuid():N}}}:";

    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));

    /// <summary>False (and the test returns) only outside CI when the store's server is unavailable.</summary>
    internal abstract bool Available { get; }

    internal abstract IBudgetStore CreateStore(string prefix);

    internal BudgetTestHost Host(IDictionary<string, string?> settings, IBudgetStore? store = null)
    {
        settings["AgentGate:Budgets:KeyPrefix"] = Prefix;
        var host = new BudgetTestHost(store ?? CreateStore(Prefix), Time, settings);
        _hosts.Add(host);
        return host;
    }

    internal static Dictionary<string, string?> Settings(params (string Key, string Value)[] pairs)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in pairs)
        {
            settings["AgentGate:Budgets:" + key] = value;
        }

        return settings;
    }

    internal static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for " + what);
            await Task.Delay(10);
        }
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
