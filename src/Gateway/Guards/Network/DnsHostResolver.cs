using System.Net;

namespace AgentGate.Gateway.Guards.Network;

/// <summary>The system resolver.</summary>
internal sealed class DnsHostResolver : IHostResolver
{
    public async ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
}
