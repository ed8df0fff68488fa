using System.Net;
using AgentGate.Gateway.Guards.Network;

namespace AgentGate.Benchmarks.Egress;

/// <summary>Every name resolves to loopback: the benchmark never leaves the machine.</summary>
internal sealed class BenchResolver : IHostResolver
{
    public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => ValueTask.FromResult(new[] { IPAddress.Loopback });
}
