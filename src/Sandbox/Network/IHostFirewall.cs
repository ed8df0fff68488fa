namespace AgentGate.Sandbox.Network;

/// <summary>
/// Limits what a fleet's containers can reach on the host itself. An internal Docker network has no route out,
/// but the host side of its bridge still accepts connections to every host service; this closes all of them
/// except the gateway's agent listener.
/// </summary>
public interface IHostFirewall
{
    /// <summary>Lets traffic arriving on <paramref name="bridgeName"/> reach only TCP <paramref name="port"/> on the host.</summary>
    Task RestrictAsync(string bridgeName, int port, CancellationToken cancellationToken);

    /// <summary>Removes the rules for a bridge; idempotent.</summary>
    Task ReleaseAsync(string bridgeName, CancellationToken cancellationToken);
}
