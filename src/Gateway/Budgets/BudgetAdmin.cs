using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Budgets;

/// <summary>What <c>GET /admin/budgets</c> shows and <c>PUT /admin/budgets/limits/{id}</c> changes.
/// Limits changed here are stored in the shared store, so every replica applies them.</summary>
internal sealed class BudgetAdmin(
    IBudgetStore store,
    BudgetPlanner planner,
    BudgetKeys keys,
    BudgetAdmission admission,
    ContextWatch contextWatch,
    BudgetStoreHealth health,
    IOptions<BudgetOptions> options,
    TimeProvider time)
{
    public async Task<object> GetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var nowMs = now.ToUnixTimeMilliseconds();
        var ids = new List<string>();
        var agents = new SortedSet<string>(options.Value.Agents.Keys, StringComparer.Ordinal);
        agents.UnionWith(admission.SeenAgents);
        AddIds(ids, "fleet", ["*"]);
        AddIds(ids, "agent", agents);
        AddIds(ids, "task", new SortedSet<string>(admission.SeenTasks, StringComparer.Ordinal));
        var spent = await store.ReadCountersAsync([.. ids.Select(id => keys.Spend(id, now))], nowMs, cancellationToken).ConfigureAwait(false);
        var overrides = await store.ReadLimitOverridesAsync(cancellationToken).ConfigureAwait(false);
        var limits = new List<BudgetLimitView>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            BudgetKeys.TryParseLimitId(ids[i], out var scope, out var name, out var unit);
            var overridden = overrides.TryGetValue(ids[i], out var limit);
            limit = overridden ? limit : planner.DefaultLimit(scope, name, unit);
            limits.Add(new BudgetLimitView(ids[i], scope, name, unit, scope == "task" ? "task" : "day", limit < 0 ? null : Display(unit, limit), Display(unit, spent[i]), overridden));
        }

        var providers = options.Value.Pools.Keys.ToArray();
        var backoffs = await store.ReadBackoffsAsync([.. providers.Select(keys.Backoff)], nowMs, cancellationToken).ConfigureAwait(false);
        var pools = providers.Select((p, i) => new
        {
            provider = p,
            limits = options.Value.Pools[p],
            queued = admission.QueueLength(p),
            backoffUntil = backoffs[i] > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(backoffs[i]) : (DateTimeOffset?)null,
        });
        return new
        {
            day = BudgetKeys.Day(now),
            degraded = health.IsDegraded,
            degradedReason = health.Reason,
            pools,
            limits,
            contextFlagged = contextWatch.Flagged(),
        };
    }

    /// <summary>Sets (or with null removes) an override; returns the limit before and after, or an error
    /// message for a bad id or value.</summary>
    public async Task<BudgetLimitChange> SetLimitAsync(string limitId, decimal? limit, CancellationToken cancellationToken)
    {
        if (!BudgetKeys.TryParseLimitId(limitId, out var scope, out var name, out var unit))
        {
            return new($"limit id '{limitId}' is not scope:name:unit (scope agent|task|fleet, fleet name '*', unit tokens|cost)", null, null);
        }

        if (limit < 0)
        {
            return new($"limit for '{limitId}' must not be negative, got '{limit}'", null, null);
        }

        var max = unit == "cost" ? MaxCostLimit : long.MaxValue;
        if (limit > max)
        {
            return new($"limit for '{limitId}' must be at most {max} {unit}, got '{limit}'", null, null);
        }

        var overrides = await store.ReadLimitOverridesAsync(cancellationToken).ConfigureAwait(false);
        var configured = planner.DefaultLimit(scope, name, unit);
        var old = overrides.TryGetValue(limitId, out var o) ? o : configured;
        long? stored = limit is { } v ? (unit == "cost" ? BudgetPlanner.ToMicros(v) : (long)Math.Ceiling(v)) : null;
        await store.SetLimitOverrideAsync(limitId, stored, cancellationToken).ConfigureAwait(false);
        admission.Limits.Raise();
        var now = stored ?? configured;
        return new(null, old < 0 ? null : Display(unit, old), now < 0 ? null : Display(unit, now));
    }

    /// <summary>Cost limits are stored in micro-dollars in a signed 64-bit counter.</summary>
    private const decimal MaxCostLimit = long.MaxValue / 1_000_000m;

    private static decimal Display(string unit, long value) => unit == "cost" ? value / 1_000_000m : value;

    private static void AddIds(List<string> ids, string scope, IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            ids.Add(BudgetKeys.LimitId(scope, name, "tokens"));
            ids.Add(BudgetKeys.LimitId(scope, name, "cost"));
        }
    }
}
