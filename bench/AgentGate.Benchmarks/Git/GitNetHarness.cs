using System.Diagnostics;
using System.Globalization;
using AgentGate.Benchmarks.Egress;

namespace AgentGate.Benchmarks.Git;

/// <summary>
/// <c>gitnet [commits] [megabytes] [rounds]</c>: in one run, <c>git clone --bare</c> of a generated repository
/// straight from <c>git http-backend</c> vs through the gateway's <c>/git/</c> proxy, and TLS download throughput
/// straight from a local server vs through a CONNECT tunnel. Rounds alternate direct and gateway; medians printed.
/// </summary>
internal static class GitNetHarness
{
    private const string ServerName = "bench.test";

    public static async Task<int> RunAsync(int commits, int megabytes, int rounds, bool git, bool connect)
    {
        var root = Directory.CreateTempSubdirectory("agentgate-gitnet-").FullName;
        try
        {
            var sw = Stopwatch.StartNew();
            var bare = await FastImportRepo.CreateAsync(root, commits);
            Console.WriteLine($"generated {commits} commits in {sw.Elapsed.TotalSeconds:F1} s");
            await using var blast = new TlsBlastServer(ServerName, megabytes * 1024L * 1024);
            var (direct, directUrl) = await DirectGitServer.StartAsync(bare);
            var (gateway, token) = await BenchGateway.StartAsync(root, bare, ServerName, blast.Port);
            var gatewayUrl = new UriBuilder(gateway.AgentAddress) { UserName = "agent", Password = token, Path = "/git/bench" }.Uri;
            var results = new List<string>();
            if (git)
            {
                var clone = 0;
                async Task<double> CloneAsync(Uri url)
                {
                    var start = Stopwatch.GetTimestamp();
                    await GitProcess.RunAsync(root, null, "clone", "--bare", "-q", url.AbsoluteUri, Path.Combine(root, "clone" + clone++));
                    return Stopwatch.GetElapsedTime(start).TotalSeconds;
                }

                var (d, g) = await AlternateAsync(rounds, () => CloneAsync(directUrl), () => CloneAsync(gatewayUrl));
                results.Add(Row($"git clone ({commits} commits)", "s", d, g, lowerIsBetter: true));
            }

            if (connect)
            {
                var (d, g) = await AlternateAsync(rounds,
                    () => ConnectThroughput.MeasureAsync(blast.Port, ServerName, null, null),
                    () => ConnectThroughput.MeasureAsync(blast.Port, ServerName, gateway.AgentAddress, token));
                results.Add(Row($"CONNECT TLS download ({megabytes} MiB)", "MB/s", d.Select(x => x / 1e6).ToList(), g.Select(x => x / 1e6).ToList(), lowerIsBetter: false));
            }

            Console.WriteLine($"| path | direct (median) | gateway (median) | gateway / direct | rounds direct/gateway |{Environment.NewLine}|---|---|---|---|---|");
            results.ForEach(Console.WriteLine);
            await gateway.DisposeAsync();
            await direct.DisposeAsync();
            return 0;
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>One warm-up of each, then <paramref name="rounds"/> alternating measurements.</summary>
    private static async Task<(List<double> Direct, List<double> Gateway)> AlternateAsync(int rounds, Func<Task<double>> direct, Func<Task<double>> gateway)
    {
        await direct();
        await gateway();
        var (d, g) = (new List<double>(), new List<double>());
        for (var i = 0; i < rounds; i++)
        {
            d.Add(await direct());
            g.Add(await gateway());
        }

        return (d, g);
    }

    private static string Row(string name, string unit, List<double> direct, List<double> gateway, bool lowerIsBetter)
    {
        var (d, g) = (Median(direct), Median(gateway));
        var ratio = lowerIsBetter ? d / g : g / d;
        var rounds = string.Join(" ", direct.Zip(gateway, (x, y) => string.Create(CultureInfo.InvariantCulture, $"{x:F1}/{y:F1}")));
        return string.Create(CultureInfo.InvariantCulture, $"| {name} | {d:F2} {unit} | {g:F2} {unit} | {ratio:P0} | {rounds} |");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
