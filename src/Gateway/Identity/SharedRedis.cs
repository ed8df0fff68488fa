using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace AgentGate.Gateway.Identity;

/// <summary>
/// The Redis connection tokens and approvals use when <c>AgentGate:Redis:Configuration</c> is set: the one the
/// budgets registered when there is one (one multiplexer per process), otherwise one of its own that it disposes.
/// </summary>
internal sealed class SharedRedis : IDisposable
{
    private readonly IConnectionMultiplexer? _owned;

    public SharedRedis(IServiceProvider services)
    {
        var configuration = services.GetService<IConfiguration>()?[BudgetServiceCollectionExtensions.RedisConfigurationKey];
        if (string.IsNullOrWhiteSpace(configuration))
        {
            return;
        }

        Connection = services.GetService<IConnectionMultiplexer>();
        if (Connection is null)
        {
            _owned = BudgetServiceCollectionExtensions.ConnectRedis(configuration);
            Connection = _owned;
        }
    }

    /// <summary>Null in embedded mode.</summary>
    public IConnectionMultiplexer? Connection { get; }

    public void Dispose() => _owned?.Dispose();
}
