using Microsoft.Extensions.Hosting;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// Watches the policy directory and reloads after changes settle. Polling the bundle revision as well
/// as listening to file events keeps reloads working on file systems where events are lost.
/// </summary>
internal sealed class PolicyWatcher(PolicyEngine engine, PolicySettings settings, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.Path is null || !settings.Watch)
        {
            return;
        }

        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(settings.Path) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        FileSystemEventHandler onChange = (_, _) => changed.Release();
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, _) => changed.Release();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await changed.WaitAsync(Poll, stoppingToken);
                await Task.Delay(Settle, time, stoppingToken);
                while (changed.CurrentCount > 0)
                {
                    await changed.WaitAsync(stoppingToken);
                }

                engine.Reload();
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
