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
    public void ParseRetryAfter_SecondsAndHttpDate_Parsed()
    {
        var now = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromSeconds(12), UpstreamRetryPolicy.ParseRetryAfter("12", now));
        Assert.Equal(TimeSpan.FromSeconds(30), UpstreamRetryPolicy.ParseRetryAfter("Mon, 23 Nov 2026 10:00:30 GMT", now));
        Assert.Null(UpstreamRetryPolicy.ParseRetryAfter("soon", now));
    }
}
