using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Tests.Hosting;

public sealed class ListenerBindingsTests
{
    [Fact]
    public async Task Describe_WildcardAgentListener_SaysAllInterfacesAndTheLocalAddress()
    {
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Listeners:Agent"] = "http://0.0.0.0:0" });
        var bindings = host.Gateway.Services.GetRequiredService<ListenerBindings>();
        var port = bindings.Address(ListenerKind.Agent).Port;

        Assert.Equal($"http://0.0.0.0:{port}/ (all interfaces; from this machine http://127.0.0.1:{port}/)", bindings.Describe(ListenerKind.Agent));
        Assert.Equal(bindings.Address(ListenerKind.Admin).ToString(), bindings.Describe(ListenerKind.Admin));
        Assert.StartsWith("http://127.0.0.1:", bindings.Describe(ListenerKind.Admin), StringComparison.Ordinal);
    }
}
