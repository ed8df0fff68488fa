using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AgentGate.Gateway.Budgets;

internal static class BudgetServiceCollectionExtensions
{
    public const string RedisConfigurationKey = "AgentGate:Redis:Configuration";

    /// <summary>Budgets, pools and pacing: Redis store when <c>AgentGate:Redis:Configuration</c> is set,
    /// in-memory otherwise; options validated at start; a "budgets" readiness check tagged "ready".</summary>
    public static IServiceCollection AddBudgets(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BudgetOptions>().Bind(configuration.GetSection(BudgetOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BudgetOptions>, BudgetOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton(sp => new BudgetKeys(sp.GetRequiredService<IOptions<BudgetOptions>>().Value.KeyPrefix));
        services.AddSingleton<BudgetStoreHealth>();
        services.AddSingleton<BudgetLimitSignal>();
        services.AddSingleton<BudgetPlanner>();
        services.AddSingleton<ContextWatch>();
        services.AddSingleton<BudgetMetrics>();
        services.AddSingleton<UpstreamRetryPolicy>();
        services.AddSingleton<BudgetAdmission>();
        services.AddSingleton<BudgetAdmin>();
        var redis = configuration[RedisConfigurationKey];
        if (string.IsNullOrWhiteSpace(redis))
        {
            services.AddSingleton<IBudgetStore>(_ => new InMemoryBudgetStore());
        }
        else
        {
            // Registered so the container disposes the connection; the proxy may share it.
            services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(redis));
            services.AddSingleton<IBudgetStore>(sp =>
            {
                var options = sp.GetRequiredService<IOptions<BudgetOptions>>().Value;
                return new RedisBudgetStore(
                    sp.GetRequiredService<IConnectionMultiplexer>(),
                    options.KeyPrefix,
                    options.Replicas,
                    sp.GetRequiredService<BudgetStoreHealth>(),
                    sp.GetRequiredService<TimeProvider>(),
                    sp.GetRequiredService<ILogger<RedisBudgetStore>>(),
                    options.CreditCalls,
                    options.CreditHold,
                    sp.GetRequiredService<BudgetLimitSignal>());
            });
        }

        services.AddHealthChecks().AddCheck<BudgetHealthCheck>("budgets", tags: ["ready"]);
        return services;
    }

    /// <summary>Budgets as the second model-call gate (after the policy), the transparent retry and stream
    /// metering in the upstream client (<see cref="UpstreamRetryHandler"/>), and their /readyz detail.</summary>
    public static IServiceCollection AddBudgetGate(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddBudgets(configuration);
        services.AddSingleton<BudgetCallGate>();
        services.AddSingleton<Proxy.ICallGate>(sp => sp.GetRequiredService<BudgetCallGate>());
        services.AddTransient<UpstreamRetryHandler>();
        services.AddSingleton<Admin.IReadinessCheck, BudgetReadinessCheck>();
        return services;
    }

    /// <summary>Connects without failing when Redis is down (the store degrades instead) and fails
    /// commands fast while disconnected instead of queueing them.</summary>
    public static ConnectionMultiplexer ConnectRedis(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ConnectTimeout = 2000;
        options.AsyncTimeout = 2000;
        options.SyncTimeout = 2000;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        return ConnectionMultiplexer.Connect(options);
    }
}
