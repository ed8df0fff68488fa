using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Upstream 429, 529 and "overloaded" answers: they back the whole fleet off (see
/// <see cref="BudgetAdmission.SettleAsync"/>) and, while nothing has been streamed to the agent yet,
/// are retried transparently up to <see cref="BudgetOptions.MaxRetries"/> times by
/// <see cref="UpstreamRetryHandler"/>. A retry-after longer than <see cref="BudgetOptions.MaxRetryDelay"/>
/// is not waited for: the agent gets the upstream answer and decides itself.
/// </summary>
internal sealed class UpstreamRetryPolicy(IOptions<BudgetOptions> options)
{
    /// <param name="attempt">Attempts made so far (1 after the first failure).</param>
    /// <param name="maxDelay">A tighter bound than MaxRetryDelay (the proxy's activity timeout), if any.</param>
    public RetryDecision Decide(int attempt, int upstreamStatus, TimeSpan? retryAfter, bool responseStarted, string? errorType = null, TimeSpan? maxDelay = null)
    {
        var o = options.Value;
        var bound = maxDelay < o.MaxRetryDelay ? maxDelay.Value : o.MaxRetryDelay;
        if (responseStarted || attempt > o.MaxRetries || !IsOverload(upstreamStatus, errorType) || retryAfter > bound)
        {
            return new RetryDecision(false, TimeSpan.Zero);
        }

        var delay = retryAfter ?? TimeSpan.FromSeconds(Math.Pow(2, Math.Max(0, attempt - 1)));
        return new RetryDecision(true, delay < bound ? delay : bound);
    }

    /// <summary>429, 529, or a 5xx whose error type (or body) says overloaded.</summary>
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

    /// <summary>The upstream's retry hint: <c>retry-after-ms</c> (OpenAI) when present, else <c>retry-after</c>.</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValues("retry-after-ms", out var ms)
            && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        return headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
            _ => null,
        };
    }
}
