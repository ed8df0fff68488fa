using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Transforms;

namespace AgentGate.Benchmarks.Load;

/// <summary>
/// A reference proxy with no AgentGate code: Kestrel plus YARP's direct forwarder on the same path. It is
/// the ceiling any YARP-based gateway can reach on this machine, so the gateway is measured against it too.
/// </summary>
internal static class BareProxy
{
    public const string Name = "bare-yarp";

    public static Task<(WebApplication App, Uri Address)> StartAsync(Uri upstream) =>
        BenchUpstream.StartOnLoopbackAsync(
            services => services.AddHttpForwarder(),
            app => app.MapForwarder("/llm/anthropic/{**rest}", upstream.ToString(), transforms => transforms.AddPathRemovePrefix("/llm/anthropic")));
}
