using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Tests.Budgets;

public sealed class UpstreamRetryPolicyTests
{
    private readonly UpstreamRetryPolicy _policy = new(Options.Create(new BudgetOptions { MaxRetries = 2 }));

    [Theory]
    [InlineData(429, null, true)]
    [InlineData(529, null, true)]
    [InlineData(503, "overloaded_error", true)]
    [InlineData(500, "api_error", false)]
    [InlineData(400, null, false)]
    public void Decide_StatusBeforeStreaming_RetriesOnlyOverload(int status, string? errorType, bool retry) =>
        Assert.Equal(retry, _policy.Decide(1, status, null, responseStarted: false, errorType).Retry);

    [Fact]
    public void Decide_RetryAfterGiven_HonoursIt() =>
        Assert.Equal(TimeSpan.FromSeconds(7), _policy.Decide(1, 429, TimeSpan.FromSeconds(7), false).Delay);

    [Fact]
    public void Decide_StreamingStartedOrRetriesUsed_DoesNotRetry()
    {
        Assert.False(_policy.Decide(1, 529, null, responseStarted: true).Retry);
        Assert.False(_policy.Decide(3, 529, null, responseStarted: false).Retry);
        Assert.True(_policy.Decide(2, 529, null, responseStarted: false).Retry);
    }

    [Fact]
    public void Decide_RetryAfterBeyondMaxRetryDelay_DoesNotRetry()
    {
        var policy = new UpstreamRetryPolicy(Options.Create(new BudgetOptions { MaxRetries = 2, MaxRetryDelay = TimeSpan.FromSeconds(10) }));

        Assert.False(policy.Decide(1, 429, TimeSpan.FromSeconds(11), false).Retry);
        Assert.True(policy.Decide(1, 429, TimeSpan.FromSeconds(10), false).Retry);
    }

    [Fact]
    public void RetryAfter_MillisecondsHeaderPreferred_ElseDeltaOrDate()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        using var ms = new HttpResponseMessage();
        ms.Headers.TryAddWithoutValidation("retry-after-ms", "1500");
        ms.Headers.TryAddWithoutValidation("retry-after", "9");
        using var delta = new HttpResponseMessage();
        delta.Headers.TryAddWithoutValidation("retry-after", "9");
        using var none = new HttpResponseMessage();

        Assert.Equal(TimeSpan.FromMilliseconds(1500), UpstreamRetryPolicy.RetryAfter(ms.Headers, now));
        Assert.Equal(TimeSpan.FromSeconds(9), UpstreamRetryPolicy.RetryAfter(delta.Headers, now));
        Assert.Null(UpstreamRetryPolicy.RetryAfter(none.Headers, now));
    }

    [Fact]
    public void ParseRetryAfter_SecondsAndHttpDate_Parsed()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(12), UpstreamRetryPolicy.ParseRetryAfter("12", now));
        Assert.Equal(TimeSpan.FromSeconds(30), UpstreamRetryPolicy.ParseRetryAfter("Mon, 23 Nov 2026 10:00:30 GMT", now));
        Assert.Null(UpstreamRetryPolicy.ParseRetryAfter("soon", now));
    }
}
