using AgentGate.Sandbox.Fleet;

namespace AgentGate.Gateway.Fleet;

/// <summary>`fleet down`'s second step: also remove what gateways on this host that are gone left behind.</summary>
internal static class FleetReaping
{
    public static async Task ReapDeadAsync(FleetManager manager, CancellationToken cancellationToken)
    {
        var registry = new GatewayInstanceRegistry();
        var reaped = await manager.ReapAsync(registry.IsAlive, cancellationToken);
        if (reaped.ContainersRemoved + reaped.NetworksRemoved > 0)
            Console.WriteLine($"reaped {reaped.ContainersRemoved} container(s) and {reaped.NetworksRemoved} network(s) left by gateways that are gone");
    }
}
