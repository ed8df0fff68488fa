using Microsoft.Extensions.Hosting;

namespace AgentGate.Gateway.Identity;

/// <summary>
/// Opens the token repository while the host starts, so a token file held by another process stops start-up
/// (instead of failing the first request) and the Redis revocation subscription is live before any traffic.
/// </summary>
internal sealed class TokenStorageStartup(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = services.GetService(typeof(ITokenRepository));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
