using System.Globalization;

namespace AgentGate.Gateway.Budgets;

/// <summary>Explained rejection messages, e.g. "agent builder-17 used 2,000,113 of 2,000,000 tokens today".</summary>
internal static class BudgetMessages
{
    public static BudgetRejection Exceeded(BudgetCharge budget, long spent, long limit)
    {
        BudgetKeys.TryParseLimitId(budget.LimitId, out var scope, out var name, out var unit);
        var who = scope == "fleet" ? "the fleet" : $"{scope} {name}";
        var period = scope == "task" ? "" : " today";
        var used = unit == "cost"
            ? $"{Usd(spent)} of {Usd(limit)}"
            : $"{spent.ToString("N0", CultureInfo.InvariantCulture)} of {limit.ToString("N0", CultureInfo.InvariantCulture)} tokens";
        var need = spent < limit
            ? $"; this call reserves up to {(unit == "cost" ? Usd(budget.Amount) : budget.Amount.ToString("N0", CultureInfo.InvariantCulture) + " tokens")}"
            : "";
        return new BudgetRejection(BudgetErrorTypes.BudgetExceeded, $"{who} used {used}{period}{need}", budget.LimitId, null);
    }

    public static BudgetRejection RateLimited(string provider, string what, TimeSpan retryAfter, TimeSpan waited) =>
        new(
            BudgetErrorTypes.RateLimited,
            $"provider pool {provider} is at its {what} limit; waited {waited.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)}s in the queue, retry after {Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture)}s",
            $"pool:{provider}:{what}",
            retryAfter);

    public static string What(ReservationPlan plan, int index) => index switch
    {
        0 => "backoff",
        -1 => "concurrency",
        _ when index <= plan.Buckets.Length => plan.Buckets[index - 1].Label switch
        {
            "requests" => "rpm",
            "input tokens" => "itpm",
            _ => "otpm",
        },
        _ => "budget",
    };

    public static string Usd(long micros) => "$" + (micros / 1_000_000m).ToString("#,0.00", CultureInfo.InvariantCulture);
}
