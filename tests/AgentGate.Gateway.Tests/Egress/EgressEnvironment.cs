using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AgentGate.Gateway.Guards.Network;
using AgentGate.Gateway.Tests.Enforcement;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Egress;

/// <summary>
/// A gateway whose policy allowlists the test names and ports, a target server on loopback, a decoy listener,
/// and a resolver that maps names to 127.0.0.1. Loopback is exempted from the destination guard only when asked.
/// </summary>
internal sealed class EgressEnvironment : IAsyncDisposable
{
    public const string TargetHost = "egress-target.test";
    public const string DecoyHost = "decoy.test";
    public const string RebindHost = "rebind.test";

    private readonly PolicyDirectory _policies;

    private EgressEnvironment(PolicyDirectory policies, TargetServer target, TcpListener decoy, GatewayTestHost host, int adminPort)
    {
        _policies = policies;
        Target = target;
        Decoy = decoy;
        Host = host;
        AdminPort = adminPort;
    }

    public TargetServer Target { get; }
    public TcpListener Decoy { get; }
    public GatewayTestHost Host { get; }
    public int AdminPort { get; }
    public int DecoyPort => ((IPEndPoint)Decoy.LocalEndpoint).Port;
    public Uri ProxyAddress => Host.Gateway.AgentAddress;

    public static async Task<EgressEnvironment> StartAsync(bool allowLoopback)
    {
        var target = await TargetServer.StartAsync();
        var decoy = new TcpListener(IPAddress.Loopback, 0);
        decoy.Start();
        var adminPort = FreePort();
        var policies = new PolicyDirectory();
        var lanes = JsonNode.Parse(policies.Read("data/lanes.json"))!.AsObject();
        lanes["egress_allow"] = new JsonArray(TargetHost, RebindHost, "127.0.0.1");
        lanes["egress_ports"] = new JsonArray(443, target.TlsPort, target.PlainPort, ((IPEndPoint)decoy.LocalEndpoint).Port, adminPort);
        policies.Write("data/lanes.json", lanes.ToJsonString());
        var resolver = new MapResolver(new Dictionary<string, IPAddress>
        {
            [TargetHost] = IPAddress.Loopback,
            [DecoyHost] = IPAddress.Loopback,
            [RebindHost] = IPAddress.Loopback,
        });
        var guard = new DestinationGuardOptions { AllowedRanges = allowLoopback ? [Cidr.Parse("127.0.0.1/32")] : [] };
        var host = await GatewayTestHost.StartAsync(
            services => services.AddSingleton<IHostResolver>(resolver).AddSingleton(guard),
            new Dictionary<string, string?>
            {
                ["AgentGate:Policy:Path"] = policies.Path,
                ["AgentGate:Listeners:Admin"] = $"http://127.0.0.1:{adminPort}",
            });
        return new EgressEnvironment(policies, target, decoy, host, adminPort);
    }

    public HttpClient ProxiedClient(string? token)
    {
        var proxy = new WebProxy(ProxyAddress) { Credentials = token is null ? null : new NetworkCredential("builder-17", token) };
        var handler = new HttpClientHandler
        {
            Proxy = proxy,
            UseProxy = true,
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Target.DisposeAsync();
        Decoy.Dispose();
        _policies.Dispose();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
