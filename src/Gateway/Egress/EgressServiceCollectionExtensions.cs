using AgentGate.Gateway.Guards.Network;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Egress;

internal static class EgressServiceCollectionExtensions
{
    /// <summary>The forward proxy: decider, destination guard (system DNS, no exempt ranges), outbound client.</summary>
    public static IServiceCollection AddEgressProxy(this IServiceCollection services)
    {
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton(new DestinationGuardOptions());
        services.AddSingleton<DestinationGuard>();
        services.AddSingleton<EgressDecider>();
        services.AddSingleton<EgressHttpClient>();
        services.AddSingleton<ConnectTunnel>();
        return services;
    }

    /// <summary>CONNECT tunnels are taken off the connection before Kestrel's HTTP parser sees them.</summary>
    public static ListenOptions UseEgressConnect(this ListenOptions listen)
    {
        listen.Use(next => connection => listen.ApplicationServices.GetRequiredService<ConnectTunnel>().InvokeAsync(connection, next));
        return listen;
    }

    /// <summary>Absolute-URI (plain HTTP) forward-proxy requests, before routing; and <c>GET /admin/egress</c>.</summary>
    public static IApplicationBuilder UseEgressForwardProxy(this IApplicationBuilder app)
    {
        if (app is IEndpointRouteBuilder routes)
        {
            routes.MapEgressAdmin();
        }

        return app.UseMiddleware<AbsoluteUriProxyMiddleware>();
    }
}
