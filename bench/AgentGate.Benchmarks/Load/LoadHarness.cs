using System.Diagnostics;
using AgentGate.Gateway.Hosting;
using StackExchange.Redis;

namespace AgentGate.Benchmarks.Load;

/// <summary>
/// Sends the same fixed-concurrency load straight to a fake upstream and through in-process gateways
/// (every gate on; policy off; budgets off; budgets on Redis; no gates) and through a bare YARP proxy, interleaved in one run, and
/// prints throughput, latency and the process CPU each request cost.
/// </summary>
internal static class LoadHarness
{
    public const string Direct = "direct";

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var variants = GatewayVariant.Known
            .Where(v => options.Variants is null ? !v.UseRedis || options.Redis is not null : options.Variants.Contains(v.Name))
            .ToList();
        var (upstream, upstreamAddress) = await BenchUpstream.StartAsync();
        var directory = Directory.CreateTempSubdirectory("agentgate-bench-").FullName;
        Environment.SetEnvironmentVariable("AGENTGATE_BENCH_KEY", "sk-bench");
        var gateways = new List<(GatewayVariant Variant, RunningGateway Gateway, string Token)>();
        foreach (var variant in variants)
        {
            var (gateway, token) = await variant.StartAsync(upstreamAddress, directory, options.Redis);
            gateways.Add((variant, gateway, token));
        }

        var bare = options.Variants is null || options.Variants.Contains(BareProxy.Name) ? await BareProxy.StartAsync(upstreamAddress) : default;
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency * 2, UseProxy = false });
        var targets = new List<(string Name, Uri Address, string? Token)> { (Direct, new Uri(upstreamAddress, "/v1/messages"), null) };
        if (bare.App is not null)
        {
            targets.Add((BareProxy.Name, new Uri(bare.Address, "/llm/anthropic/v1/messages"), null));
        }

        targets.AddRange(gateways.Select(g => (g.Variant.Name, new Uri(g.Gateway.AgentAddress, "/llm/anthropic/v1/messages"), (string?)g.Token)));

        // Warm every path first, so tiered JIT of the gateway does not land in whichever phase runs first.
        foreach (var kind in options.Kinds)
        {
            foreach (var target in targets)
            {
                await LoadWorkers.RunAsync(client, WithKind(target.Address, kind), target.Token, TimeSpan.FromSeconds(1), options.Concurrency);
            }
        }

        var results = new List<LoadResult>();
        using var sampler = options.Allocations ? new AllocationSampler() : null;
        for (var round = 0; round < options.Rounds; round++)
        {
            foreach (var kind in options.Kinds)
            {
                foreach (var target in targets)
                {
                    if (sampler is not null)
                    {
                        sampler.Recording = true;
                    }

                    results.Add(await MeasureAsync(target.Name, kind, client, WithKind(target.Address, kind), target.Token, options));
                    if (sampler is not null)
                    {
                        sampler.Recording = false;
                        PrintAllocations(results[^1], sampler.TakeTop(25));
                    }
                }
            }
        }

        Console.Write(LoadReport.Format(options, variants, results));
        foreach (var (_, gateway, _) in gateways)
        {
            await gateway.DisposeAsync();
        }

        if (bare.App is not null)
        {
            await bare.App.DisposeAsync();
        }

        await upstream.StopAsync();
        await upstream.DisposeAsync();
        if (options.Redis is not null && variants.Any(v => v.UseRedis))
        {
            await DeleteRedisKeysAsync(options.Redis, Path.GetFileName(directory));
        }

        Directory.Delete(directory, recursive: true);
        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    private static void PrintAllocations(LoadResult result, IReadOnlyList<(string Type, long Bytes)> top)
    {
        Console.WriteLine($"allocations of {result.Target} {result.Kind}, bytes per request by type (sampled):");
        foreach (var (type, bytes) in top)
        {
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"  {(double)bytes / result.Requests,8:F0}  {type}"));
        }
    }

    private static Uri WithKind(Uri address, string kind) => kind == "sse" ? new Uri(address + "?stream=1") : address;

    private static async Task<LoadResult> MeasureAsync(string name, string kind, HttpClient client, Uri target, string? token, LoadOptions options)
    {
        // A short settle run per phase (connection pool at full size) is not counted.
        await LoadWorkers.RunAsync(client, target, token, TimeSpan.FromSeconds(0.5), options.Concurrency);
        var cost = PhaseCost.Start();
        var stopwatch = Stopwatch.StartNew();
        var (latencies, errors) = await LoadWorkers.RunAsync(client, target, token, options.Duration, options.Concurrency);
        var elapsed = stopwatch.Elapsed;
        var spent = PhaseCost.Since(cost);
        latencies.Sort();
        return new LoadResult(name, kind, latencies.Count, errors, elapsed, Percentile(latencies, 0.50), Percentile(latencies, 0.99), spent);
    }

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static async Task DeleteRedisKeysAsync(string redis, string runId)
    {
        await using var connection = await ConnectionMultiplexer.ConnectAsync(redis);
        var database = connection.GetDatabase();
        foreach (var server in connection.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: "agentgate-bench:{" + runId + "}:*"))
            {
                await database.KeyDeleteAsync(key);
            }
        }
    }
}
