using AgentGate.Gateway.Admin;
using AgentGate.Gateway.Approvals;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Enforcement;

internal static class EnforcementServiceCollectionExtensions
{
    /// <summary>The policy gate: engine (loaded at start), hot reload, approvals, and the first model-call gate.</summary>
    public static IServiceCollection AddPolicyEnforcement(this IServiceCollection services, GatewayConfig config)
    {
        services.AddSingleton(config.Policy);
        services.AddSingleton<PolicyMetrics>();
        services.AddSingleton<PolicyEngine>();
        services.AddApprovalStore();
        services.AddSingleton<PolicyEnforcer>();
        services.AddSingleton<AuthorizeEndpoint>();
        services.AddSingleton<ICallGate, LlmPolicyGate>();
        services.AddSingleton<IReadinessCheck, PolicyReadinessCheck>();
        services.AddHostedService<PolicyWatcher>();
        return services;
    }

    public static void MapPolicyEnforcement(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/authorize", context => context.RequestServices.GetRequiredService<AuthorizeEndpoint>().HandleAsync(context))
            .WithMetadata(new Hosting.ListenerMetadata(Hosting.ListenerKind.Agent));
        app.MapPolicyAdmin();
        app.MapApprovals();
    }
}
