using AgentGate.Gateway.Config;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Identity;

internal static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Agent tokens: in Redis when <c>AgentGate:Redis:Configuration</c> is set (shared by replicas), else in a
    /// JSONL file when <c>AgentGate:Tokens:Path</c> is set, else in memory.
    /// </summary>
    public static IServiceCollection AddAgentTokens(this IServiceCollection services)
    {
        services.AddOptions<TokenStorageOptions>().BindConfiguration(TokenStorageOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TokenStorageOptions>, TokenStorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SharedRedis>();
        services.TryAddSingleton<ITokenRepository>(CreateRepository);
        services.AddSingleton<TokenStore>();
        services.AddHostedService<TokenStorageStartup>();
        return services;
    }

    private static ITokenRepository CreateRepository(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<TokenStorageOptions>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        if (services.GetRequiredService<SharedRedis>().Connection is { } redis)
        {
            return new RedisTokenRepository(redis, options.KeyPrefix, TimeSpan.FromSeconds(options.CacheSeconds), time, services.GetRequiredService<ILogger<RedisTokenRepository>>());
        }

        if (options.Path is not { } path)
        {
            return new InMemoryTokenRepository(time);
        }

        try
        {
            return new FileTokenRepository(path, time);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationInvalidException([new ConfigError(TokenStorageOptions.SectionName + ":Path", $"'{path}' cannot be opened (another gateway may hold it): {ex.Message}")]);
        }
    }
}
