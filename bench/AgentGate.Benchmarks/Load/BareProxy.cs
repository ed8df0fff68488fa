using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Transforms;

namespace AgentGate.Benchmarks.Load;

/// <summary>
/// A reference proxy with no AgentGate code: Kestrel plus YARP's direct forwarder on the same path. It is
/// the ceiling any YARP-based gateway can reach on this machine, so the gateway is measured against it too.
/// </summary>
internal static class BareProxy
{
    public const string Name = "bare-yarp";

    public static async Task<(WebApplication App, Uri Address)> StartAsync(Uri upstream)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddHttpForwarder();
        var app = builder.Build();
        app.MapForwarder("/llm/anthropic/{**rest}", upstream.ToString(), transforms => transforms.AddPathRemovePrefix("/llm/anthropic"));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
