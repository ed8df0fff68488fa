using System.Globalization;

namespace AgentGate.Gateway.Budgets;

/// <summary>Key and limit-id schema (see README.md). Limit ids are <c>scope:name:unit</c> with scope
/// agent|task|fleet and unit tokens|cost; the fleet's name is <c>*</c>.</summary>
internal sealed class BudgetKeys(string prefix)
{
    public string Prefix => prefix;

    public string Backoff(string provider) => $"{prefix}backoff:{provider}";

    /// <summary>Never written: the backoff key of plans that must not wait for a fleet backoff.</summary>
    public string Unused => $"{prefix}unused";

    public string Concurrency(string provider) => $"{prefix}conc:{provider}";

    public string Bucket(string provider, string limit) => $"{prefix}pool:{provider}:{limit}";

    public string Spend(string limitId, DateTimeOffset now) =>
        limitId.StartsWith("task:", StringComparison.Ordinal)
            ? $"{prefix}spend:{limitId}"
            : $"{prefix}spend:{limitId}:{Day(now)}";

    public static string Day(DateTimeOffset now) => now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    public static string LimitId(string scope, string name, string unit) => $"{scope}:{name}:{unit}";

    public static bool TryParseLimitId(string limitId, out string scope, out string name, out string unit)
    {
        var first = limitId.IndexOf(':', StringComparison.Ordinal);
        var last = limitId.LastIndexOf(':');
        scope = name = unit = "";
        if (first <= 0 || last <= first + 1)
        {
            return false;
        }

        scope = limitId[..first];
        name = limitId[(first + 1)..last];
        unit = limitId[(last + 1)..];
        return scope is "agent" or "task" or "fleet" && unit is "tokens" or "cost" && (scope != "fleet" || name == "*");
    }
}
