using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Settlements are queued, not awaited: the next reservation of this replica carries them in its own
/// EVALSHA, and when no reservation comes they go out on their own, at most one settlement-only command in
/// flight (those arriving meanwhile are batched into the next). Reads and disposal drain the queue first, so
/// the admin surface sees every finished call and nothing is lost at shutdown.
/// </summary>
internal sealed partial class RedisBudgetStore : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 256;
    private readonly Lock _queueLock = new();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private static readonly List<PendingSettlement> NoSettlements = []; // shared, never written
    private List<PendingSettlement> _pending = [];
    private bool _flushing;

    /// <summary>
    /// Sends every queued settlement and waits until the commands sent so far have been answered (not for the
    /// flush loop to go idle, which under steady load it never does).
    /// </summary>
    public async Task DrainSettlementsAsync()
    {
        var batch = TakePending();
        if (batch.Count > 0)
        {
            Track(SendAsync(batch));
        }

        await Task.WhenAll(_inFlight.Keys).ConfigureAwait(false);
    }

    /// <summary>Hands all replica credit back and sends every queued settlement.</summary>
    public async ValueTask DisposeAsync()
    {
        ReturnAllCredit();
        await DrainSettlementsAsync().ConfigureAwait(false);
    }

    public void Dispose()
    {
        ReturnAllCredit();
        DrainSettlementsAsync().Wait(TimeSpan.FromSeconds(10));
    }

    private void Enqueue(PendingSettlement settlement)
    {
        bool start;
        lock (_queueLock)
        {
            _pending.Add(settlement);
            start = !_flushing;
            _flushing = true;
        }

        if (start)
        {
            _ = FlushLoopAsync();
        }
    }

    /// <summary>Up to <see cref="MaxBatch"/> queued settlements; a flush loop picks up any rest.</summary>
    private List<PendingSettlement> TakePending()
    {
        bool start;
        List<PendingSettlement> batch;
        lock (_queueLock)
        {
            batch = TakeLocked();
            start = _pending.Count > 0 && !_flushing;
            _flushing |= start;
        }

        if (start)
        {
            _ = FlushLoopAsync();
        }

        return batch;
    }

    private List<PendingSettlement> TakeLocked()
    {
        if (_pending.Count == 0)
        {
            return NoSettlements;
        }

        if (_pending.Count <= MaxBatch)
        {
            var all = _pending;
            _pending = [];
            return all;
        }

        var first = _pending.GetRange(0, MaxBatch);
        _pending.RemoveRange(0, MaxBatch);
        return first;
    }

    private async Task FlushLoopAsync()
    {
        while (true)
        {
            List<PendingSettlement> batch;
            lock (_queueLock)
            {
                if (_pending.Count == 0)
                {
                    _flushing = false;
                    return;
                }

                batch = TakeLocked();
            }

            // Tracked as soon as it is written, so a drain waits for it (SendAsync never throws).
            var sent = SendAsync(batch);
            Track(sent);
            await sent.ConfigureAwait(false);
        }
    }

    private async Task SendAsync(List<PendingSettlement> batch)
    {
        try
        {
            await new ScriptCall(batch, 0, 0).EvaluateAsync(redis.GetDatabase()).ConfigureAwait(false);
            Recover();
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            Degrade(ex);
            await SettleLostAsync(batch).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not an outage (a script error): the reservations stay counted until their keys expire; say so loudly.
            SettlementLog.SettleFailed(logger, batch.Count, ex);
        }
    }

    /// <summary>
    /// Settlements whose command failed: the reservations stay counted in Redis until their keys expire
    /// (overcounting is the safe side); the local store still applies any fleet backoff they carry.
    /// </summary>
    private async ValueTask SettleLostAsync(List<PendingSettlement> batch)
    {
        foreach (var (plan, nowMs) in batch)
        {
            await _local.SettleAsync(plan with { BucketRefunds = [], BudgetDeltas = [] }, nowMs, CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Remembers a command carrying settlements until it is answered (its failure is handled by its sender).</summary>
    private void Track(Task sent)
    {
        if (sent.IsCompleted)
        {
            return;
        }

        var settled = sent.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _inFlight.TryAdd(settled, 0);
        _ = settled.ContinueWith(static (t, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(t, out _), _inFlight, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static partial class SettlementLog
    {
        [LoggerMessage(4103, LogLevel.Error, "{Count} budget settlements rejected by Redis; their reservations stay counted until their keys expire")]
        public static partial void SettleFailed(ILogger logger, int count, Exception exception);
    }
}
