using AgentGate.Gateway.Config;
using AgentGate.Gateway.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Approvals;

internal static class ApprovalServiceCollectionExtensions
{
    /// <summary>
    /// Approvals: in Redis when <c>AgentGate:Redis:Configuration</c> is set (shared by replicas), else in a JSONL
    /// file (<c>AgentGate:Approvals:Path</c>, or beside the token file when <c>AgentGate:Tokens:Path</c> is set),
    /// else in memory.
    /// </summary>
    public static IServiceCollection AddApprovalStore(this IServiceCollection services)
    {
        services.AddOptions<TokenStorageOptions>().BindConfiguration(TokenStorageOptions.SectionName);
        services.AddOptions<ApprovalStorageOptions>().BindConfiguration(ApprovalStorageOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SharedRedis>();
        services.TryAddSingleton<IApprovalRepository>(CreateRepository);
        services.AddSingleton<ApprovalStore>();
        services.AddHostedService<ApprovalStorageStartup>();
        return services;
    }

    private static IApprovalRepository CreateRepository(IServiceProvider services)
    {
        var tokens = services.GetRequiredService<IOptions<TokenStorageOptions>>().Value;
        if (services.GetRequiredService<SharedRedis>().Connection is { } redis)
        {
            return new RedisApprovalRepository(redis, tokens.KeyPrefix);
        }

        var options = services.GetRequiredService<IOptions<ApprovalStorageOptions>>().Value;
        if (options.ResolvePath(tokens.Path) is not { } path)
        {
            return new InMemoryApprovalRepository();
        }

        try
        {
            return new FileApprovalRepository(path, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<ILogger<FileApprovalRepository>>());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // InvalidDataException (an unreadable line) is an IOException too: the message names the line.
            var origin = options.Path is null ? " (beside AgentGate:Tokens:Path)" : string.Empty;
            throw new ConfigurationInvalidException([new ConfigError(ApprovalStorageOptions.SectionName + ":Path", $"'{path}'{origin} cannot be opened (another gateway may hold it): {ex.Message}")]);
        }
    }
}
