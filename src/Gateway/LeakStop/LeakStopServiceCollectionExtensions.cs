using AgentGate.Gateway.Proxy;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.LeakStop;

internal static class LeakStopServiceCollectionExtensions
{
    /// <summary>The leak stop: registered after the policy gate and before the budget gate, so nothing is reserved for a refused call.</summary>
    public static IServiceCollection AddLeakStop(this IServiceCollection services)
    {
        services.AddSingleton<LeakStopScanner>();
        services.AddSingleton<ActionLeakCheck>();
        services.AddSingleton<ICallGate, LeakStopGate>();
        return services;
    }
}
