using AgentGate.Gateway.Fleet;
using AgentGate.Sandbox.Watchdog;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.Tests.Fleet;

public sealed class WatchdogSettingsTests
{
    private static WatchdogSettings Bind(Dictionary<string, string?> values)
    {
        var settings = new WatchdogSettings();
        new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection(WatchdogSettings.SectionName).Bind(settings);
        return settings;
    }

    [Fact]
    public void ToOptions_ConfiguredThresholdsAndActions_AreApplied()
    {
        var options = Bind(new()
        {
            ["AgentGate:Watchdog:StalledAfter"] = "00:02:00",
            ["AgentGate:Watchdog:ZombieAfter"] = "00:10:00",
            ["AgentGate:Watchdog:TaskTimeLimit"] = "02:00:00",
            ["AgentGate:Watchdog:Actions:Zombie"] = "Alert, StopContainer",
        }).ToOptions();

        Assert.Equal(TimeSpan.FromMinutes(2), options.StalledAfter);
        Assert.Equal(TimeSpan.FromMinutes(10), options.ZombieAfter);
        Assert.Equal(TimeSpan.FromHours(2), options.TaskTimeLimit);
        Assert.Equal(WatchdogActions.Alert | WatchdogActions.StopContainer, options.Actions[AgentState.Zombie]);
        Assert.Equal(WatchdogActions.Alert, options.Actions[AgentState.Stalled]);
    }

    [Fact]
    public void ToOptions_ZombieNotAfterStalled_ThrowsNamingTheKey()
    {
        var settings = Bind(new() { ["AgentGate:Watchdog:StalledAfter"] = "00:10:00", ["AgentGate:Watchdog:ZombieAfter"] = "00:05:00" });

        var ex = Assert.Throws<InvalidOperationException>(settings.ToOptions);

        Assert.Contains("ZombieAfter", ex.Message, StringComparison.Ordinal);
    }
}
