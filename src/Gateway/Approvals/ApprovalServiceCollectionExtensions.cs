using AgentGate.Gateway.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Approvals;

internal static class ApprovalServiceCollectionExtensions
{
    /// <summary>Approvals: in Redis when <c>AgentGate:Redis:Configuration</c> is set (shared by replicas), in memory otherwise.</summary>
    public static IServiceCollection AddApprovalStore(this IServiceCollection services)
    {
        services.AddOptions<TokenStorageOptions>().BindConfiguration(TokenStorageOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SharedRedis>();
        services.TryAddSingleton<IApprovalRepository>(sp => sp.GetRequiredService<SharedRedis>().Connection is { } redis
            ? new RedisApprovalRepository(redis, sp.GetRequiredService<IOptions<TokenStorageOptions>>().Value.KeyPrefix)
            : new InMemoryApprovalRepository());
        services.AddSingleton<ApprovalStore>();
        return services;
    }
}
