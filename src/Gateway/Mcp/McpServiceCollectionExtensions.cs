using AgentGate.Gateway.Config;
using AgentGate.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Mcp;

internal static class McpServiceCollectionExtensions
{
    /// <summary>The MCP proxy: server registry, tool gate, HTTP upstream client, stdio processes (stopped at shutdown).</summary>
    public static IServiceCollection AddMcpProxy(this IServiceCollection services, GatewayConfig config)
    {
        services.AddSingleton(config.Mcp);
        services.AddSingleton<McpServerRegistry>();
        services.AddSingleton<McpToolGate>();
        services.AddSingleton<McpSessionOwners>();
        services.AddSingleton<McpHttpUpstream>();
        services.AddSingleton<StdioSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<StdioSessions>());
        services.AddSingleton<McpStdioUpstream>();
        services.AddSingleton<McpMetrics>();
        services.AddSingleton<McpProxyHandler>();
        return services;
    }

    /// <summary>Maps <c>/mcp/{server}</c> on the agent listener.</summary>
    public static IEndpointRouteBuilder MapMcpProxy(this IEndpointRouteBuilder app)
    {
        app.Map("/mcp/{server}", context =>
                context.RequestServices.GetRequiredService<McpProxyHandler>().HandleAsync(context, (string)context.GetRouteValue("server")!))
            .WithMetadata(new ListenerMetadata(ListenerKind.Agent));
        return app;
    }
}
