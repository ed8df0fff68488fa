using AgentGate.Gateway.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Hosting;

/// <summary>A started gateway: its bound addresses, its services, and a graceful stop.</summary>
internal sealed class RunningGateway(WebApplication app, string? generatedAdminToken) : IAsyncDisposable
{
    public WebApplication App { get; } = app;
    public IServiceProvider Services => App.Services;
    public Uri AgentAddress { get; } = app.Services.GetRequiredService<ListenerBindings>().Address(ListenerKind.Agent);
    public Uri AdminAddress { get; } = app.Services.GetRequiredService<ListenerBindings>().Address(ListenerKind.Admin);

    /// <summary>The admin token if the gateway generated it (no AdminToken configured); null otherwise.</summary>
    public string? GeneratedAdminToken { get; } = generatedAdminToken;

    public AdminCredential AdminCredential => Services.GetRequiredService<AdminCredential>();

    public Task StopAsync(CancellationToken cancellationToken = default) => App.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
