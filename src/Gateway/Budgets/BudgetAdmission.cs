using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// The façade the proxy calls: <see cref="AdmitAsync"/> before a model call, <see cref="SettleAsync"/> after it.
/// The fast path is one store round trip; a request the pool cannot take now waits in the provider's
/// fair queue up to the pool's MaxQueueWait. A budget that would be exceeded is a hard stop.
/// </summary>
internal sealed partial class BudgetAdmission(
    IBudgetStore store,
    BudgetPlanner planner,
    ContextWatch contextWatch,
    BudgetMetrics metrics,
    TimeProvider time,
    BudgetLimitSignal limits,
    ILogger<BudgetAdmission> logger)
{
    private readonly TimeProvider _time = time;
    private readonly ConcurrentDictionary<string, PacingQueue> _queues = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seenAgents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seenTasks = new(StringComparer.Ordinal);

    /// <summary>Changes of budget limits, watched by running streams.</summary>
    public BudgetLimitSignal Limits => limits;

    internal IEnumerable<string> SeenAgents => _seenAgents.Keys;

    internal IEnumerable<string> SeenTasks => _seenTasks.Keys;

    internal int QueueLength(string provider) => _queues.TryGetValue(provider, out var q) ? q.Count : 0;

    public ValueTask<AdmissionResult> AdmitAsync(AdmissionRequest request, CancellationToken cancellationToken) =>
        AdmitAsync(request, null, cancellationToken);

    /// <param name="maxWait">How long the request may wait for room; null uses the pool's MaxQueueWait.</param>
    public async ValueTask<AdmissionResult> AdmitAsync(AdmissionRequest request, TimeSpan? maxWait, CancellationToken cancellationToken)
    {
        Remember(request);
        var started = _time.GetTimestamp();
        var queue = _queues.GetOrAdd(request.Provider, static (_, self) => new PacingQueue(self._time, self.AttemptAsync), this);
        var wait = maxWait ?? planner.Pool(request.Provider)?.MaxQueueWait ?? TimeSpan.Zero;
        var waiter = new PacingWaiter(request, planner.Options.RolePriorities.GetValueOrDefault(request.Role), started);
        if (queue.IsEmpty)
        {
            // Fast path: nobody is waiting, so trying first cannot overtake anyone.
            var retry = await TryReserveAsync(waiter, cancellationToken).ConfigureAwait(false);
            if (retry is null)
            {
                return await waiter.Task.ConfigureAwait(false);
            }

            if (TimeSpan.FromMilliseconds(retry.Value) > wait)
            {
                var rejection = BudgetMessages.RateLimited(request.Provider, waiter.LastLimit, TimeSpan.FromMilliseconds(retry.Value), TimeSpan.Zero);
                return Reject(request, rejection);
            }
        }

        waiter.Timeout = _time.CreateTimer(static s => TimeOut(s!), (this, waiter), wait, Timeout.InfiniteTimeSpan);
        waiter.Cancellation = cancellationToken.Register(static s => ((PacingWaiter)s!).TryCancel(CancellationToken.None), waiter);
        queue.Enqueue(waiter, waiter.LastRetryAfterMs);
        return await waiter.Task.ConfigureAwait(false);
    }

    public async ValueTask<SettlementResult> SettleAsync(
        BudgetReservation reservation,
        long actualInputTokens,
        long actualOutputTokens,
        long cacheReadTokens,
        int upstreamStatus,
        TimeSpan? retryAfter,
        CancellationToken cancellationToken)
    {
        if (!reservation.TryMarkSettled())
        {
            return default;
        }

        var request = reservation.Request;
        var now = _time.GetUtcNow();
        var backoff = UpstreamRetryPolicy.IsOverload(upstreamStatus);
        var until = backoff ? (now + (retryAfter ?? planner.Options.DefaultBackoff)).ToUnixTimeMilliseconds() : 0;
        var plan = planner.Settle(reservation, actualInputTokens, actualOutputTokens, cacheReadTokens, until);
        await store.SettleAsync(plan, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        if (backoff)
        {
            Log.FleetBackoff(logger, request.Provider, upstreamStatus, retryAfter ?? planner.Options.DefaultBackoff);
        }

        var cost = planner.CostMicros(request.Model, actualInputTokens, actualOutputTokens, cacheReadTokens) / 1_000_000m;
        metrics.Used(request, actualInputTokens, actualOutputTokens, cacheReadTokens, cost);
        var context = upstreamStatus is >= 200 and < 300
            ? contextWatch.Record(request.Session, request.Agent, request.Model, actualInputTokens + cacheReadTokens)
            : contextWatch.Get(request.Session);
        if (_queues.TryGetValue(request.Provider, out var queue))
        {
            queue.Kick();
        }

        return new SettlementResult(cost, context, backoff);
    }

    private ValueTask<long?> AttemptAsync(PacingWaiter waiter) => TryReserveAsync(waiter, CancellationToken.None);

    /// <summary>Completes the waiter (admitted or budget_exceeded) and returns null, or returns the retry hint.</summary>
    private async ValueTask<long?> TryReserveAsync(PacingWaiter waiter, CancellationToken cancellationToken)
    {
        var request = waiter.Request;
        var now = _time.GetUtcNow();
        var plan = planner.Plan(request, now, out var costMicros);
        var decision = await store.ReserveAsync(plan, now.ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
        switch (decision.Outcome)
        {
            case StoreOutcome.Reserved:
                var waited = _time.GetElapsedTime(waiter.EnqueuedTimestamp);
                var reservation = new BudgetReservation
                {
                    Request = request,
                    Plan = plan,
                    ReservedCostMicros = costMicros,
                    ReservedOutputTokens = planner.MaxOutput(request),
                    Local = decision.Local,
                    QueueWait = waited,
                };
                if (waiter.TryComplete(AdmissionResult.Admitted(reservation)))
                {
                    metrics.Admitted(request, waited);
                }
                else
                {
                    await store.SettleAsync(BudgetPlanner.Release(plan, decision.Local), now.ToUnixTimeMilliseconds(), CancellationToken.None).ConfigureAwait(false);
                }

                return null;
            case StoreOutcome.BudgetExceeded:
                var rejection = BudgetMessages.Exceeded(plan.Budgets[decision.Index - 1], decision.Spent, decision.Limit);
                Log.BudgetExceeded(logger, rejection.Rule, rejection.Message);
                waiter.TryComplete(Reject(request, rejection));
                return null;
            default:
                waiter.LastRetryAfterMs = Math.Max(1, decision.RetryAfterMs);
                waiter.LastLimit = BudgetMessages.What(plan, decision.Index);
                return waiter.LastRetryAfterMs;
        }
    }

    private static void TimeOut(object state)
    {
        var (self, waiter) = ((BudgetAdmission, PacingWaiter))state;
        self.TimeOut(waiter);
    }

    private void TimeOut(PacingWaiter waiter)
    {
        var retry = TimeSpan.FromMilliseconds(Math.Max(1000, waiter.LastRetryAfterMs));
        var rejection = BudgetMessages.RateLimited(waiter.Request.Provider, waiter.LastLimit, retry, _time.GetElapsedTime(waiter.EnqueuedTimestamp));
        waiter.TryComplete(Reject(waiter.Request, rejection));
    }

    private AdmissionResult Reject(AdmissionRequest request, BudgetRejection rejection)
    {
        metrics.Rejected(request, rejection);
        return AdmissionResult.Rejected(rejection);
    }

    private void Remember(AdmissionRequest request)
    {
        var now = _time.GetUtcNow();
        if (_seenAgents.Count < 10_000)
        {
            _seenAgents[request.Agent] = now;
        }

        if (request.Task.Length > 0 && _seenTasks.Count < 10_000)
        {
            _seenTasks[request.Task] = now;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(4111, LogLevel.Information, "Budget exceeded ({Rule}): {Message}")]
        public static partial void BudgetExceeded(ILogger logger, string rule, string message);

        [LoggerMessage(4112, LogLevel.Warning, "Upstream {Provider} answered {Status}; the fleet backs off for {Backoff}")]
        public static partial void FleetBackoff(ILogger logger, string provider, int status, TimeSpan backoff);
    }
}
