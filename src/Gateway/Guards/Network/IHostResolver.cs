using System.Net;

namespace AgentGate.Gateway.Guards.Network;

/// <summary>Resolves a host name to addresses; the default uses DNS, tests inject a fixed table.</summary>
internal interface IHostResolver
{
    ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}
