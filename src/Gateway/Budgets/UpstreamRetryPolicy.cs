using System.Globalization;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Upstream 429, 529 and "overloaded" answers: they back the whole fleet off (see
/// <see cref="BudgetAdmission.SettleAsync"/>) and, while nothing has been streamed to the agent yet,
/// are retried transparently up to <see cref="BudgetOptions.MaxRetries"/> times. The proxy settles the
/// failed attempt, asks <see cref="Decide"/>, waits the delay and calls AdmitAsync again.
/// </summary>
internal sealed class UpstreamRetryPolicy(IOptions<BudgetOptions> options)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(30);

    /// <param name="attempt">Attempts made so far (1 after the first failure).</param>
    public RetryDecision Decide(int attempt, int upstreamStatus, TimeSpan? retryAfter, bool responseStarted, string? errorType = null)
    {
        if (responseStarted || attempt > options.Value.MaxRetries || !IsOverload(upstreamStatus, errorType))
        {
            return new RetryDecision(false, TimeSpan.Zero);
        }

        var delay = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, Math.Max(0, attempt - 1)));
        return new RetryDecision(true, delay < MaxDelay ? delay : MaxDelay);
    }

    /// <summary>429, 529, or a 5xx whose error type says overloaded.</summary>
    public static bool IsOverload(int upstreamStatus, string? errorType = null) =>
        upstreamStatus is 429 or 529
        || (upstreamStatus >= 500 && errorType is not null && errorType.Contains("overloaded", StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses a retry-after header: delta-seconds or an HTTP date.</summary>
    public static TimeSpan? ParseRetryAfter(string? header, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (double.TryParse(header, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date > now ? date - now : TimeSpan.Zero)
            : null;
    }
}
