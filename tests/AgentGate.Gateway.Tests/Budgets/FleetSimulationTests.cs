using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Xunit.Abstractions;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>
/// The fleet simulation of issue 4: 30 agents on two real gateway processes that share one Redis, in
/// front of a provider limited to a request rate that answers 429 above it. The pool window is 2 s
/// (WindowSeconds) so the run takes seconds, not minutes.
/// </summary>
public sealed class FleetSimulationTests(ITestOutputHelper output)
{
    private const int Agents = 30;
    private const int PoolPerWindow = 20;          // the gateways' shared pool: 20 requests per 2 s window
    private const int UpstreamPerWindow = 24;      // the provider's bucket: 24 per 2 s, starting a third full (cold)
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan Run = TimeSpan.FromSeconds(16);

    [Fact]
    public async Task Fleet_30AgentsTwoGatewaysOneRedis_NothingLostUpstreamWithinLimitFairAudited()
    {
        if (RedisTestServer.Connection is null) return; // outside CI without AGENTGATE_TEST_REDIS; CI fails in Connection
        var redis = Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS")!;
        await using var upstream = await BucketUpstream.StartAsync(UpstreamPerWindow, UpstreamPerWindow / 3, Window);
        var directory = Directory.CreateTempSubdirectory("agentgate-sim-").FullName;
        var prefix = $"agsim:{{{Guid.NewGuid():N}}}:";
        var starting = new[] { "a", "b" }.Select(name => GatewayProcess.StartAsync(directory, name, Config(upstream.BaseAddress, redis, prefix))).ToArray();
        await using var a = await starting[0];
        await using var b = await starting[1];
        var gateways = new[] { a, b };
        var tokens = await Task.WhenAll(Enumerable.Range(0, Agents).Select(i => gateways[i % 2].IssueTokenAsync(AgentName(i))));

        var sim = new Simulation();
        var stop = new CancellationTokenSource(Run);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Agents).Select(i => sim.AgentAsync(i, gateways[i % 2].Agent, tokens[i], stop.Token))).WaitAsync(TimeSpan.FromSeconds(90));
        output.WriteLine($"run {clock.Elapsed.TotalSeconds:0.0}s: {sim.Summary()}");

        // No request lost: every logical request ended in a 200 (429s were retried after retry-after).
        Assert.Empty(sim.Failures);
        Assert.True(sim.Completed.Sum() >= 100, sim.Summary());
        Assert.All(sim.GatewayRetryAfterMissing, _ => Assert.Fail("a 429 without retry-after"));

        // The provider never saw more than its limit after warm-up.
        var arrivals = upstream.Arrivals;
        var start = arrivals[0].At;
        var late429 = arrivals.Count(x => !x.Accepted && x.At - start > WarmUp);
        output.WriteLine($"upstream: {arrivals.Count} arrivals, {arrivals.Count(x => !x.Accepted)} answered 429, {late429} of them after warm-up");
        Assert.Equal(0, late429);

        // Every agent made progress, fairly.
        var jain = Jain(sim.Completed);
        output.WriteLine($"per agent: {string.Join(' ', sim.Completed)}; Jain {jain:0.000}");
        Assert.All(sim.Completed, c => Assert.True(c > 0));
        Assert.True(jain >= 0.9, $"Jain fairness {jain:0.000}");

        // The two audit logs together account for every request the agents sent, and only for those.
        var records = await EventuallyAuditedAsync(gateways, sim.RequestIds.Count);
        Assert.Equal(sim.RequestIds.OrderBy(x => x), records.Select(r => r.RequestId).OrderBy(x => x));
        Assert.Equal(sim.Completed.Sum(), records.Count(r => r.Decision == "allow" && r.UpstreamStatus == 200));
        Assert.Equal(arrivals.Count(x => x.Accepted), records.Count(r => r.UpstreamStatus == 200));
        Directory.Delete(directory, recursive: true);
    }

    private static string AgentName(int i) => $"sim-{i:00}";

    private static Dictionary<string, object> Config(Uri upstream, string redis, string prefix) => new()
    {
        ["Providers"] = new { anthropic = new { Type = "anthropic", BaseUrl = upstream.ToString().TrimEnd('/'), Secret = "env:AG_SIM_PROVIDER_KEY" } },
        ["Agents"] = Enumerable.Range(0, Agents).ToDictionary(AgentName, _ => new { Role = "builder", Lane = "sim", Owner = "test" }),
        ["Redis"] = new { Configuration = redis },
        ["Policy"] = new { EvaluationTimeout = "00:00:30" },
        ["Budgets"] = new
        {
            WindowSeconds = (int)Window.TotalSeconds,
            Replicas = 2,
            KeyPrefix = prefix,
            MaxRetries = 3,
            Pools = new { anthropic = new { RequestsPerMinute = PoolPerWindow, MaxQueueWait = "00:00:04" } },
        },
    };

    private static double Jain(IReadOnlyList<int> counts)
    {
        double sum = counts.Sum();
        double squares = counts.Sum(c => (double)c * c);
        return sum * sum / (counts.Count * squares);
    }

    private static async Task<List<AgentGate.Gateway.Audit.AuditRecord>> EventuallyAuditedAsync(GatewayProcess[] gateways, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var records = new List<AgentGate.Gateway.Audit.AuditRecord>();
            foreach (var gateway in gateways)
            {
                records.AddRange((await gateway.ReadAuditAsync()).Where(r => r.Kind == "llm"));
            }

            if (records.Count >= expected || DateTime.UtcNow > deadline)
            {
                return records;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>What the simulated agents did: each sends one request at a time and retries a 429 after its retry-after.</summary>
    private sealed class Simulation
    {
        public int[] Completed { get; } = new int[Agents];

        public ConcurrentBag<string> RequestIds { get; } = [];

        public ConcurrentBag<string> Failures { get; } = [];

        public ConcurrentBag<int> GatewayRetryAfterMissing { get; } = [];

        private int _gateway429;
        private int _upstream429;

        public string Summary() =>
            $"{Completed.Sum()} completed, {RequestIds.Count} HTTP requests, {_gateway429} gateway 429 (rate_limited), {_upstream429} upstream 429 passed through, {Failures.Count} failures";

        public async Task AgentAsync(int index, HttpClient client, string token, CancellationToken stop)
        {
            var body = $$"""{"model":"claude-sim","max_tokens":32,"messages":[{"role":"user","content":"agent {{index}} asks"}]}""";
            while (!stop.IsCancellationRequested)
            {
                while (true)
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                    request.Headers.Add("x-api-key", token);
                    using var response = await client.SendAsync(request, CancellationToken.None);
                    var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    RequestIds.Add(response.Headers.GetValues("x-agentgate-request-id").Single());
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref Completed[index]);
                        break;
                    }

                    if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        Failures.Add($"{(int)response.StatusCode} {text}");
                        break;
                    }

                    Interlocked.Increment(ref text.Contains("rate_limited", StringComparison.Ordinal) ? ref _gateway429 : ref _upstream429);
                    if (response.Headers.RetryAfter?.Delta is not { } retryAfter)
                    {
                        GatewayRetryAfterMissing.Add(index);
                        retryAfter = TimeSpan.FromSeconds(1);
                    }

                    await Task.Delay(retryAfter, CancellationToken.None);
                }
            }
        }
    }
}
