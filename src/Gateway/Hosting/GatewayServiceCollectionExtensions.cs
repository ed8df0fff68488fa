using AgentGate.Gateway.Admin;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Metrics;
using AgentGate.Gateway.Proxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace AgentGate.Gateway.Hosting;

/// <summary>One registration per feature; <see cref="GatewayHost"/> reads like a table of contents.</summary>
internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayIdentity(this IServiceCollection services, GatewayConfig config)
    {
        services.AddAgentTokens();
        services.AddSingleton(AdminCredentials.Create(config));
        return services;
    }

    public static IServiceCollection AddAuditLog(this IServiceCollection services, GatewayConfig config)
    {
        services.AddSingleton(config.Audit);
        services.AddSingleton<AuditMetrics>();
        services.AddSingleton<FileAuditSink>();
        services.AddSingleton<IAuditSink>(sp => sp.GetRequiredService<FileAuditSink>());
        services.AddHostedService(sp => sp.GetRequiredService<FileAuditSink>());
        services.AddSingleton<IReadinessCheck, AuditSinkCheck>();
        return services;
    }

    public static IServiceCollection AddLlmProxy(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<ProviderRegistry>();
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<LlmProxyHandler>();
        services.AddSingleton<IReadinessCheck, ProviderCredentialsCheck>();
        return services;
    }

    public static IServiceCollection AddGatewayMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.AddSingleton<GatewayMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(GatewayMetrics.MeterName, AuditMetrics.MeterName, Enforcement.PolicyMetrics.MeterName, Budgets.BudgetMetrics.MeterName, Mcp.McpMetrics.MeterName).AddPrometheusExporter());
        return services;
    }
}
