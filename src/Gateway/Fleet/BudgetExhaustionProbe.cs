using System.Globalization;
using System.Text.Json;
using AgentGate.Gateway.Budgets;

namespace AgentGate.Gateway.Fleet;

/// <summary>
/// Tells the watchdog which budgets are used up, from the same snapshot GET /admin/budgets serves (read as its
/// JSON, so the watchdog depends on the admin contract and not on the budget store's internals). A budget is
/// exhausted when what was spent reached its limit; an agent is over budget when its own, its task's or the
/// fleet's budget is.
/// </summary>
internal sealed class BudgetExhaustionProbe(BudgetAdmin? admin)
{
    /// <summary>Exhausted limit ids (<c>agent:builder-17:tokens</c>, <c>task:ISSUE-7:cost</c>, <c>fleet:*:tokens</c>) with a reason each.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ExhaustedAsync(CancellationToken cancellationToken)
    {
        var exhausted = new Dictionary<string, string>(StringComparer.Ordinal);
        if (admin is null) return exhausted;
        var snapshot = JsonSerializer.SerializeToElement(await admin.GetAsync(cancellationToken), JsonSerializerOptions.Web);
        if (!snapshot.TryGetProperty("limits", out var limits) || limits.ValueKind != JsonValueKind.Array) return exhausted;
        foreach (var limit in limits.EnumerateArray())
        {
            if (limit.GetProperty("limit") is not { ValueKind: JsonValueKind.Number } max) continue;
            var spent = limit.GetProperty("spent").GetDecimal();
            if (spent < max.GetDecimal()) continue;
            var id = limit.GetProperty("id").GetString()!;
            exhausted[id] = string.Create(CultureInfo.InvariantCulture,
                $"budget exhausted: {id} spent {spent} of {max.GetDecimal()} ({limit.GetProperty("period").GetString()})");
        }

        return exhausted;
    }

    /// <summary>The first exhausted budget that applies to an agent working on a task, or null.</summary>
    public static string? ReasonFor(IReadOnlyDictionary<string, string> exhausted, string agent, string task)
    {
        foreach (var unit in (string[])["tokens", "cost"])
        {
            if (exhausted.TryGetValue($"agent:{agent}:{unit}", out var reason)) return reason;
            if (task.Length > 0 && exhausted.TryGetValue($"task:{task}:{unit}", out reason)) return reason;
            if (exhausted.TryGetValue($"fleet:*:{unit}", out reason)) return reason;
        }

        return null;
    }
}
