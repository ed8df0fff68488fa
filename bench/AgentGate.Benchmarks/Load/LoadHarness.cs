using System.Diagnostics;
using System.Globalization;
using System.Text;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Benchmarks.Load;

/// <summary>
/// Sends the same fixed-concurrency load straight to a fake upstream and through an in-process gateway
/// (agent token, credential injection, usage metering, audit), and prints throughput and latency of both.
/// </summary>
internal static class LoadHarness
{
    private static readonly byte[] Body = """{"model":"claude-bench","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}"""u8.ToArray();

    public static async Task<int> RunAsync(TimeSpan duration, int concurrency, string[] kinds)
    {
        var (upstream, upstreamAddress) = await BenchUpstream.StartAsync();
        var directory = Directory.CreateTempSubdirectory("agentgate-bench-").FullName;
        Environment.SetEnvironmentVariable("AGENTGATE_BENCH_KEY", "sk-bench");
        var gateway = await GatewayHost.StartAsync(new GatewayHostOptions
        {
            Settings = new Dictionary<string, string?>
            {
                ["AgentGate:Listeners:Agent"] = "http://127.0.0.1:0",
                ["AgentGate:Listeners:Admin"] = "http://127.0.0.1:0",
                ["AgentGate:Providers:anthropic:Type"] = "anthropic",
                ["AgentGate:Providers:anthropic:BaseUrl"] = upstreamAddress.ToString(),
                ["AgentGate:Providers:anthropic:Secret"] = "env:AGENTGATE_BENCH_KEY",
                ["AgentGate:Agents:bench:Role"] = "builder",
                ["AgentGate:Audit:Path"] = Path.Combine(directory, "audit.jsonl"),
            },
            ConfigureLogging = logging => logging.ClearProviders(),
        });
        var token = (await gateway.Services.GetRequiredService<TokenStore>().IssueAsync("bench", "BENCH", TimeSpan.FromHours(1), CancellationToken.None)).Token!.Token;

        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency * 2, UseProxy = false });
        var direct = new Uri(upstreamAddress, "/v1/messages");
        var through = new Uri(gateway.AgentAddress, "/llm/anthropic/v1/messages");
        var results = new List<LoadResult>();

        // Warm every path first, so tiered JIT of the gateway does not land in whichever phase runs first.
        foreach (var target in new[] { direct, through, new Uri(direct + "?stream=1"), new Uri(through + "?stream=1") })
        {
            await RunWorkersAsync(client, target, token, TimeSpan.FromSeconds(2), concurrency);
        }

        foreach (var kind in kinds)
        {
            var query = kind == "sse" ? "?stream=1" : string.Empty;
            results.Add(await MeasureAsync($"direct {kind}", client, new Uri(direct + query), token, duration, concurrency));
            results.Add(await MeasureAsync($"gateway {kind}", client, new Uri(through + query), token, duration, concurrency));
        }

        Print(results, concurrency, duration);
        await gateway.DisposeAsync();
        await upstream.StopAsync();
        await upstream.DisposeAsync();
        Directory.Delete(directory, recursive: true);
        return 0;
    }

    private static async Task<LoadResult> MeasureAsync(string name, HttpClient client, Uri target, string token, TimeSpan duration, int concurrency)
    {
        // A short settle run per phase (connection pool at full size) is not counted.
        await RunWorkersAsync(client, target, token, TimeSpan.FromSeconds(0.5), concurrency);
        var stopwatch = Stopwatch.StartNew();
        var (latencies, errors) = await RunWorkersAsync(client, target, token, duration, concurrency);
        var elapsed = stopwatch.Elapsed;
        latencies.Sort();
        return new LoadResult(name, latencies.Count, errors, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99));
    }

    private static async Task<(List<double> Latencies, long Errors)> RunWorkersAsync(HttpClient client, Uri target, string token, TimeSpan duration, int concurrency)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            var local = new List<double>(4096);
            long errors = 0;
            var buffer = new byte[8192];
            while (Stopwatch.GetTimestamp() < end)
            {
                var start = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(Body) };
                request.Content.Headers.ContentType = new("application/json");
                request.Headers.Add("x-api-key", token);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                await using var stream = await response.Content.ReadAsStreamAsync();
                while (await stream.ReadAsync(buffer) > 0)
                {
                }

                if (!response.IsSuccessStatusCode)
                {
                    errors++;
                }

                local.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return (local, errors);
        })).ToArray();
        var done = await Task.WhenAll(workers);
        return (done.SelectMany(d => d.local).ToList(), done.Sum(d => d.errors));
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static void Print(List<LoadResult> results, int concurrency, TimeSpan duration)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"concurrency {concurrency}, {duration.TotalSeconds}s per phase");
        text.AppendLine("| phase | requests/s | p50 ms | p99 ms | errors |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(c, $"| {r.Name} | {r.RequestsPerSecond:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.Errors} |");
        }

        for (var i = 0; i + 1 < results.Count; i += 2)
        {
            var (d, g) = (results[i], results[i + 1]);
            text.AppendLine(c, $"{g.Name}: {100 * g.RequestsPerSecond / d.RequestsPerSecond:F0}% of direct throughput, +{g.P50Ms - d.P50Ms:F2} ms at p50, +{g.P99Ms - d.P99Ms:F2} ms at p99");
        }

        Console.Write(text.ToString());
    }
}
