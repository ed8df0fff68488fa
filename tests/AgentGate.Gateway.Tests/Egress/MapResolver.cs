using System.Net;
using AgentGate.Gateway.Guards.Network;

namespace AgentGate.Gateway.Tests.Egress;

/// <summary>A DNS stand-in: fixed answers, so tests can point names (and rebinding names) at loopback.</summary>
internal sealed class MapResolver(IReadOnlyDictionary<string, IPAddress> table) : IHostResolver
{
    public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        ValueTask.FromResult(table.TryGetValue(host, out var address) ? [address] : Array.Empty<IPAddress>());
}
