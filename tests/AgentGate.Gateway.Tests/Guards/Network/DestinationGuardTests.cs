using System.Net;
using AgentGate.Gateway.Guards.Network;

namespace AgentGate.Gateway.Tests.Guards.Network;

public sealed class DestinationGuardTests
{
    private sealed class TableResolver(Dictionary<string, string[]> table) : IHostResolver
    {
        public int Calls { get; private set; }

        public ValueTask<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            Calls++;
            return table.TryGetValue(host, out var a)
                ? ValueTask.FromResult(a.Select(IPAddress.Parse).ToArray())
                : ValueTask.FromException<IPAddress[]>(new System.Net.Sockets.SocketException(11001));
        }
    }

    private static (DestinationGuard Guard, TableResolver Resolver) Make(DestinationGuardOptions? options = null)
    {
        var resolver = new TableResolver(new()
        {
            ["api.example.com"] = ["93.184.216.34", "2606:2800:220:1::1"],
            ["rebind.example.com"] = ["93.184.216.34", "127.0.0.1"],
            ["meta.example.com"] = ["169.254.169.254"],
            ["empty.example.com"] = [],
            ["mapped.example.com"] = ["::ffff:192.168.0.1"],
        });
        return (new DestinationGuard(resolver, options ?? new DestinationGuardOptions()), resolver);
    }

    [Fact]
    public async Task ResolveAsync_PublicHost_ReturnsFirstAddressAndResolvesOnce()
    {
        var (guard, resolver) = Make();
        var r = await guard.ResolveAsync("api.example.com", CancellationToken.None);
        Assert.True(r.Allowed);
        Assert.Equal(IPAddress.Parse("93.184.216.34"), r.Address);
        Assert.Equal(1, resolver.Calls);
    }

    [Fact]
    public async Task ResolveAsync_AnyInternalAnswer_Denied()
    {
        var (guard, _) = Make();
        var r = await guard.ResolveAsync("rebind.example.com", CancellationToken.None);
        Assert.False(r.Allowed);
        Assert.Equal(AddressClass.Loopback, r.BlockedClass);
        Assert.Contains("127.0.0.1", r.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("meta.example.com")]
    [InlineData("mapped.example.com")]
    [InlineData("empty.example.com")]
    [InlineData("unknown.example.com")]
    [InlineData("")]
    [InlineData("169.254.169.254")]
    [InlineData("[::1]")]
    [InlineData("[::ffff:10.0.0.1]")]
    public async Task ResolveAsync_BlockedOrUnresolvable_Denied(string host)
    {
        var (guard, _) = Make();
        var r = await guard.ResolveAsync(host, CancellationToken.None);
        Assert.False(r.Allowed);
        Assert.Null(r.Address);
    }

    [Fact]
    public async Task ResolveAsync_IpLiteral_SkipsResolver()
    {
        var (guard, resolver) = Make();
        var r = await guard.ResolveAsync("8.8.8.8", CancellationToken.None);
        Assert.True(r.Allowed);
        Assert.Equal(0, resolver.Calls);
    }

    [Fact]
    public async Task ResolveAsync_AllowedRangeException_AllowsLoopback()
    {
        var (guard, _) = Make(new DestinationGuardOptions { AllowedRanges = [Cidr.Parse("127.0.0.0/8")] });
        var r = await guard.ResolveAsync("rebind.example.com", CancellationToken.None);
        Assert.True(r.Allowed);
        Assert.Equal(IPAddress.Parse("93.184.216.34"), r.Address);
        Assert.True(guard.CheckAddress(IPAddress.Parse("::ffff:127.0.0.1")).Allowed);
        Assert.False(guard.CheckAddress(IPAddress.Parse("10.0.0.1")).Allowed);
    }
}
