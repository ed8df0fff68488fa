using System.Diagnostics;
using System.Globalization;
using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Benchmarks.Budgets;

/// <summary>
/// <c>admission [calls] [concurrency] [--redis HOST:PORT]</c>: per-decision latency (p50/p99) of
/// <see cref="BudgetAdmission.AdmitAsync(AdmissionRequest, CancellationToken)"/> for the in-memory store and
/// the Redis store with and without replica credit, each call followed by its settlement, in one run.
/// BenchmarkDotNet's percentiles are over iterations of many calls; this measures every call.
/// </summary>
public static class AdmissionLatencyHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var calls = args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var concurrency = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1;
        var at = Array.IndexOf(args, "--redis");
        var redis = at >= 0 && at + 1 < args.Length ? args[at + 1] : Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS") ?? "127.0.0.1:6390";
        Console.WriteLine($"{calls} admissions + settlements per store, concurrency {concurrency}, Redis {redis}");
        Console.WriteLine("| store | p50 µs | p99 µs | mean µs | calls/s |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (name, redisConfiguration, creditCalls) in new[] { ("memory", (string?)null, 1), ("redis, credit off", redis, 1), ("redis, credit 32 (default)", redis, 32) })
        {
            await using var provider = Build(redisConfiguration, creditCalls);
            var admission = provider.GetRequiredService<BudgetAdmission>();
            await MeasureAsync(admission, Math.Min(2_000, calls), concurrency); // warm-up
            var (latencies, elapsed) = await MeasureAsync(admission, calls, concurrency);
            Array.Sort(latencies);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Micros(latencies, 0.50):0.0} | {Micros(latencies, 0.99):0.0} | {latencies.Average() * 1e6 / Stopwatch.Frequency:0.0} | {calls / elapsed.TotalSeconds:0} |"));
        }

        return 0;
    }

    /// <summary>The request every admission benchmark admits.</summary>
    internal static AdmissionRequest Request { get; } =
        new() { Provider = "anthropic", Agent = "bench", Task = "t1", Model = "m", EstimatedInputTokens = 1000, MaxOutputTokens = 1000 };

    /// <summary>Budget services with pools and limits far above any run (every call reserved and settled, none
    /// waits) on the in-memory store, or on Redis when <paramref name="redis"/> is set; a null
    /// <paramref name="creditCalls"/> keeps the configured default.</summary>
    internal static ServiceProvider Build(string? redis, int? creditCalls)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AgentGate:Budgets:KeyPrefix"] = $"agbench:{{{Guid.NewGuid():N}}}:",
            ["AgentGate:Budgets:Pools:anthropic:RequestsPerMinute"] = "100000000",
            ["AgentGate:Budgets:Pools:anthropic:InputTokensPerMinute"] = "100000000000",
            ["AgentGate:Budgets:Pools:anthropic:MaxConcurrent"] = "1000",
            ["AgentGate:Budgets:Agent:Tokens"] = "1000000000000",
            ["AgentGate:Budgets:Prices:*:Input"] = "3",
            ["AgentGate:Budgets:Prices:*:Output"] = "15",
        };
        if (creditCalls is { } calls)
        {
            settings["AgentGate:Budgets:CreditCalls"] = calls.ToString(CultureInfo.InvariantCulture);
        }

        if (redis is not null)
        {
            settings[BudgetServiceCollectionExtensions.RedisConfigurationKey] = redis;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddBudgets(configuration).BuildServiceProvider();
    }

    private static async Task<(long[] Latencies, TimeSpan Elapsed)> MeasureAsync(BudgetAdmission admission, int calls, int concurrency)
    {
        var latencies = new long[calls];
        var next = -1;
        var request = Request;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls)
            {
                var started = Stopwatch.GetTimestamp();
                var result = await admission.AdmitAsync(request, CancellationToken.None);
                latencies[i] = Stopwatch.GetTimestamp() - started;
                await admission.SettleAsync(result.Reservation!, 900, 500, 0, 200, null, CancellationToken.None);
            }
        })));
        return (latencies, clock.Elapsed);
    }

    private static double Micros(long[] sorted, double percentile) =>
        sorted[Math.Min(sorted.Length - 1, (int)(sorted.Length * percentile))] * 1e6 / Stopwatch.Frequency;
}
