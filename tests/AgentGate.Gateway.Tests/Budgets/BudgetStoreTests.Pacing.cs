using AgentGate.Gateway.Budgets;

namespace AgentGate.Gateway.Tests.Budgets;

public abstract partial class BudgetStoreTests
{
    [Fact]
    public async Task AdmitAsync_PoolWindow_RefillsAfterTime()
    {
        if (!Available) return;
        var host = Host(Settings(("Pools:anthropic:RequestsPerMinute", "2"), ("Pools:anthropic:MaxQueueWait", "00:00:00")));
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);

        var third = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        Assert.Equal(BudgetErrorTypes.RateLimited, third.Rejection?.Type);
        Assert.Equal(TimeSpan.FromSeconds(30), third.Rejection!.RetryAfter);

        Time.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
    }

    [Fact]
    public async Task AdmitAsync_ShortWindow_LimitsPerWindowAndRefillsWithinIt()
    {
        if (!Available) return;
        var host = Host(Settings(("WindowSeconds", "2"), ("Pools:anthropic:RequestsPerMinute", "4"), ("Pools:anthropic:MaxQueueWait", "00:00:00")));
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
        }

        var fifth = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        Assert.Equal(TimeSpan.FromMilliseconds(500), fifth.Rejection?.RetryAfter);

        Time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
        Assert.False((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
    }

    [Fact]
    public async Task AdmitAsync_WaitBeyondBound_RateLimitedWithRetryAfter()
    {
        if (!Available) return;
        var host = Host(Settings(("Pools:anthropic:MaxConcurrent", "1"), ("Pools:anthropic:MaxQueueWait", "00:00:05")));
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);
        var waiting = host.Admission.AdmitAsync(BudgetTestHost.Request("a2"), CancellationToken.None).AsTask();
        await Eventually(() => host.Admission.QueueLength("anthropic") == 1, "the request to queue");
        Assert.False(waiting.IsCompleted);

        Time.Advance(TimeSpan.FromSeconds(5));
        var result = await waiting;

        Assert.Equal(BudgetErrorTypes.RateLimited, result.Rejection?.Type);
        Assert.Equal("pool:anthropic:concurrency", result.Rejection!.Rule);
        Assert.True(result.Rejection.RetryAfter >= TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task AdmitAsync_HintBeyondBound_RejectsAtOnceWithRetryAfter()
    {
        if (!Available) return;
        var host = Host(Settings(("Pools:anthropic:RequestsPerMinute", "1"), ("Pools:anthropic:MaxQueueWait", "00:00:05")));
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None)).IsAdmitted);

        var result = await host.Admission.AdmitAsync(BudgetTestHost.Request("a2"), CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(60), result.Rejection?.RetryAfter);
        Assert.Equal(60, result.Rejection!.RetryAfterSeconds);
    }

    [Fact]
    public async Task SettleAsync_FreesSlot_AdmitsQueuedRequest()
    {
        if (!Available) return;
        var host = Host(Settings(("Pools:anthropic:MaxConcurrent", "1"), ("Pools:anthropic:MaxQueueWait", "00:01:00")));
        var first = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        var waiting = host.Admission.AdmitAsync(BudgetTestHost.Request("a2"), CancellationToken.None).AsTask();
        await Eventually(() => host.Admission.QueueLength("anthropic") == 1, "the request to queue");

        await host.Admission.SettleAsync(first.Reservation!, 10, 10, 0, 200, null, CancellationToken.None);

        Assert.True((await waiting).IsAdmitted);
    }

    [Fact]
    public async Task SettleAsync_Upstream429_WholeFleetBacksOffAcrossReplicas()
    {
        if (!Available) return;
        var settings = Settings(("Pools:anthropic:RequestsPerMinute", "1000"), ("Pools:anthropic:MaxQueueWait", "00:00:00"));
        var replicaA = Host(settings);
        var replicaB = Host(new Dictionary<string, string?>(settings), replicaA.Store is InMemoryBudgetStore ? replicaA.Store : null);
        var first = await replicaA.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);

        var settled = await replicaA.Admission.SettleAsync(first.Reservation!, 0, 0, 0, 429, TimeSpan.FromSeconds(10), CancellationToken.None);

        Assert.True(settled.FleetBackoff);
        var other = await replicaB.Admission.AdmitAsync(BudgetTestHost.Request("a2"), CancellationToken.None);
        Assert.Equal("pool:anthropic:backoff", other.Rejection?.Rule);
        Assert.Equal(TimeSpan.FromSeconds(10), other.Rejection!.RetryAfter);
        Time.Advance(TimeSpan.FromSeconds(10));
        Assert.True((await replicaB.Admission.AdmitAsync(BudgetTestHost.Request("a2"), CancellationToken.None)).IsAdmitted);
    }

    [Fact]
    public async Task AdmitAsync_FloodingAgent_CannotStarveOthers()
    {
        if (!Available) return;
        var host = Host(Settings(("Pools:anthropic:RequestsPerMinute", "6"), ("Pools:anthropic:MaxQueueWait", "00:10:00")));
        using var cleanup = new CancellationTokenSource();
        var requests = new List<(string Agent, Task<AdmissionResult> Result)>();
        foreach (var agent in Enumerable.Repeat("flood", 36).Concat(Enumerable.Repeat("b", 10)).Concat(Enumerable.Repeat("c", 10)))
        {
            requests.Add((agent, host.Admission.AdmitAsync(BudgetTestHost.Request(agent), cleanup.Token).AsTask()));
        }

        await Eventually(() => requests.Count(r => r.Result.IsCompletedSuccessfully) == 6, "the initial burst");
        var burst = requests.Where(r => r.Result.IsCompletedSuccessfully).Select(r => r.Result).ToHashSet();
        // Fake time runs in one-second steps while the dispatcher works on real I/O; the bucket sets the pace.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (requests.Count(r => r.Result.IsCompletedSuccessfully) < 36)
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out pacing 30 queued requests");
            Time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(2);
        }

        var paced = requests.Where(r => r.Result.IsCompletedSuccessfully && !burst.Contains(r.Result)).GroupBy(r => r.Agent).ToDictionary(g => g.Key, g => (double)g.Count());
        double[] shares = [paced.GetValueOrDefault("flood"), paced.GetValueOrDefault("b"), paced.GetValueOrDefault("c")];
        var jain = Math.Pow(shares.Sum(), 2) / (shares.Length * shares.Sum(x => x * x));
        Assert.True(jain > 0.95, $"Jain fairness {jain:0.000} for flood/b/c = {string.Join("/", shares)}");
        await cleanup.CancelAsync();
    }

    [Fact]
    public async Task AdmitAsync_HigherRolePriority_GoesFirst()
    {
        if (!Available) return;
        var host = Host(Settings(("Pools:anthropic:MaxConcurrent", "1"), ("Pools:anthropic:MaxQueueWait", "00:01:00"), ("RolePriorities:security", "10")));
        var first = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);
        var low = host.Admission.AdmitAsync(BudgetTestHost.Request("a2"), CancellationToken.None).AsTask();
        await Eventually(() => host.Admission.QueueLength("anthropic") == 1, "the low-priority request to queue");
        var high = host.Admission.AdmitAsync(BudgetTestHost.Request("sec", role: "security"), CancellationToken.None).AsTask();
        await Eventually(() => host.Admission.QueueLength("anthropic") == 2, "the high-priority request to queue");

        await host.Admission.SettleAsync(first.Reservation!, 1, 1, 0, 200, null, CancellationToken.None);

        Assert.True((await high).IsAdmitted);
        Assert.False(low.IsCompleted);
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await low).IsAdmitted);
    }

    [Fact]
    public async Task AdmitAsync_LeaseNeverSettled_SlotFreedAfterLeaseTimeout()
    {
        if (!Available) return;
        var host = Host(Settings(("Pools:anthropic:MaxConcurrent", "1"), ("Pools:anthropic:MaxQueueWait", "00:00:00"), ("LeaseTimeout", "00:01:00")));
        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("crashed"), CancellationToken.None)).IsAdmitted);
        Assert.False((await host.Admission.AdmitAsync(BudgetTestHost.Request("a2"), CancellationToken.None)).IsAdmitted);

        Time.Advance(TimeSpan.FromSeconds(61));

        Assert.True((await host.Admission.AdmitAsync(BudgetTestHost.Request("a2"), CancellationToken.None)).IsAdmitted);
    }

    [Fact]
    public async Task SettleAsync_CalledTwice_CountsOnce()
    {
        if (!Available) return;
        var host = Host(Settings(("Agent:Tokens", "100000")));
        var admitted = await host.Admission.AdmitAsync(BudgetTestHost.Request("a1"), CancellationToken.None);

        await host.Admission.SettleAsync(admitted.Reservation!, 10, 10, 0, 200, null, CancellationToken.None);
        await host.Admission.SettleAsync(admitted.Reservation!, 10, 10, 0, 200, null, CancellationToken.None);

        var spent = await host.Store.ReadCountersAsync([Prefix + "spend:agent:a1:tokens:20261123"], Time.GetUtcNow().ToUnixTimeMilliseconds(), CancellationToken.None);
        Assert.Equal(20, spent[0]);
    }
}
