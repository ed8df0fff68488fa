using System.Text.Json;
using System.Text.Json.Serialization;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.Proxy;
using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Runtime;
using AgentGate.Sandbox.Watchdog;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AgentGate.Gateway.Fleet;

/// <summary>
/// Registers the agent watchdog (singleton, background evaluator, activity gate), this gateway's instance lock and
/// the start-up reaper, and maps GET /admin/agents.
/// </summary>
internal static class FleetServiceCollectionExtensions
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IServiceCollection AddFleetWatchdog(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = new WatchdogSettings();
        configuration.GetSection(WatchdogSettings.SectionName).Bind(settings);
        var options = settings.ToOptions();
        services.AddSingleton(settings).AddSingleton<FleetAgentIndex>();
        services.TryAddSingleton(_ => ContainerRuntimes.CreateDocker());
        services.AddSingleton<IWatchdogCallbacks, GatewayWatchdogCallbacks>();
        services.AddSingleton(sp => new AgentWatchdog(options, sp.GetRequiredService<IWatchdogCallbacks>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new BudgetExhaustionProbe(sp.GetService<Budgets.BudgetAdmin>()));
        services.AddSingleton<WatchdogService>().AddHostedService(sp => sp.GetRequiredService<WatchdogService>());
        services.AddSingleton<ICallGate, WatchdogActivityGate>();
        services.AddSingleton(_ => new GatewayInstanceRegistry(configuration["AgentGate:Sandbox:InstanceDirectory"]));
        services.AddSingleton(sp => sp.GetRequiredService<GatewayInstanceRegistry>().Acquire());
        services.AddSingleton(sp => new LocalTokenIssuer(sp.GetRequiredService<Identity.TokenStore>()));
        var reap = configuration.GetValue("AgentGate:Sandbox:ReapOnStart", true);
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<FleetReaperService>(sp, reap));
        services.AddHostedService(sp => sp.GetRequiredService<FleetReaperService>());
        return services;
    }

    public static IEndpointConventionBuilder MapFleetAdmin(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/agents", (AgentWatchdog watchdog, GatewayInstanceLease instance) => Results.Json(new { gateway = instance.Id, agents = watchdog.Snapshot() }, Json))
            .WithMetadata(new ListenerMetadata(ListenerKind.Admin), AdminTokenRequired.Instance);
}
