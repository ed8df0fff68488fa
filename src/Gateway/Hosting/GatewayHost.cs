using AgentGate.Gateway.Admin;
using AgentGate.Gateway.Budgets;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Egress;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Fleet;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.LeakStop;
using AgentGate.Gateway.Mcp;
using AgentGate.Gateway.Metrics;
using AgentGate.Gateway.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Hosting;

/// <summary>Builds and starts the gateway: one host, two Kestrel listeners (agent, admin).</summary>
internal static class GatewayHost
{
    public const string DefaultsResource = "AgentGate.Gateway.Config.defaults.json";
    public const string HostingDiagnosticsLevelKey = "Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplication Build(GatewayHostOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.Sources.Clear();
        // YARP logs two Information lines per forwarded request; the gateway's own log and audit say more.
        // ASP.NET Core's hosting diagnostics logs only request start/finish, but while its category is enabled at
        // any level it starts an Activity and a log scope for every request (~0.9 KB and a trace id each).
        // First source, so logging.json, the config file and the environment can still turn them on.
        builder.Configuration.AddInMemoryCollection([new("Logging:LogLevel:Yarp", "Warning"), new(HostingDiagnosticsLevelKey, "None")]);
        builder.Configuration.AddJsonStream(typeof(GatewayHost).Assembly.GetManifestResourceStream("AgentGate.Gateway.Config.logging.json")!);
        if (options.ConfigFile is not null)
        {
            builder.Configuration.AddJsonFile(Path.GetFullPath(options.ConfigFile), optional: false, reloadOnChange: false);
        }
        else if (options.UseEmbeddedDefaults)
        {
            builder.Configuration.AddJsonStream(typeof(GatewayHost).Assembly.GetManifestResourceStream(DefaultsResource)!);
        }

        builder.Configuration.AddEnvironmentVariables();
        if (options.Settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(options.Settings);
        }

        options.ConfigureLogging?.Invoke(builder.Logging);
        var config = ConfigReader.ReadOrThrow(builder.Configuration);
        var bindings = new ListenerBindings();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // The proxy enforces its own body bound with a structured 413; Kestrel's must not be lower.
            kestrel.Limits.MaxRequestBodySize = config.Proxy.MaxRequestBytes + 1;
            kestrel.AddServerHeader = false;
            kestrel.Listen(config.Listeners.Agent, listen => bindings.Add(ListenerKind.Agent, listen.UseEgressConnect()));
            kestrel.Listen(config.Listeners.Admin, listen => bindings.Add(ListenerKind.Admin, listen));
        });

        builder.Services.AddSingleton(config).AddSingleton(bindings).AddSingleton(TimeProvider.System).AddSingleton<AllowedMethods>();
        // A parameter that does not bind throws (and UnhandledErrorMiddleware answers a structured 4xx) instead of an empty 400.
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddGatewayIdentity(config).AddAuditLog(config).AddPolicyEnforcement(config).AddLeakStop().AddBudgetGate(builder.Configuration).AddLlmProxy().AddMcpProxy(config).AddEgressProxy().AddGatewayMetrics().AddFleetWatchdog(builder.Configuration);
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseMiddleware<UnhandledErrorMiddleware>();
        app.UseEgressForwardProxy();
        app.UseRouting();
        app.UseMiddleware<ListenerGuardMiddleware>();
        app.MapAdminEndpoints();
        app.MapPolicyEnforcement();
        app.MapFleetAdmin();
        Guards.ClaudeCode.ClaudeCodeAuthorizeEndpoint.MapClaudeCodeAuthorize(app);
        app.MapBudgetAdmin().WithMetadata(new ListenerMetadata(ListenerKind.Admin), AdminTokenRequired.Instance);
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new ListenerMetadata(ListenerKind.Admin), AdminTokenRequired.Instance);
        app.Map("/llm/{provider}/{**path}", context =>
                context.RequestServices.GetRequiredService<LlmProxyHandler>().HandleAsync(context, (string)context.GetRouteValue("provider")!))
            .WithMetadata(new ListenerMetadata(ListenerKind.Agent));
        GitProxy.GitProxyEndpoints.MapGitProxy(app);
        app.MapMcpProxy();
        return app;
    }

    public static async Task<RunningGateway> StartAsync(GatewayHostOptions options, CancellationToken cancellationToken = default)
    {
        var app = Build(options);
        await app.StartAsync(cancellationToken);
        var credential = app.Services.GetRequiredService<AdminCredential>();
        return new RunningGateway(app, credential.GeneratedToken);
    }
}
