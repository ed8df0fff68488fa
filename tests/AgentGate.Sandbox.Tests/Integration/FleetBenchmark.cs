using System.Diagnostics;
using System.Globalization;
using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Runtime;
using Xunit.Abstractions;

namespace AgentGate.Sandbox.Tests.Integration;

/// <summary>
/// Bring-up/teardown time and memory of a 30-agent fleet at each parallelism in AGENTGATE_SANDBOX_BENCH_PARALLELISM
/// (default "1,4", measured one after another in the same run); runs only with AGENTGATE_SANDBOX_BENCH=1.
/// </summary>
public sealed class FleetBenchmark(ITestOutputHelper output)
{
    [Fact]
    public async Task Fleet30_UpAndDown_ReportsTimesAndMemory()
    {
        if (Environment.GetEnvironmentVariable("AGENTGATE_SANDBOX_BENCH") != "1") return;
        using var runtime = await DockerAvailability.TryConnectAsync();
        if (runtime is null) return;
        var image = Environment.GetEnvironmentVariable("AGENTGATE_SANDBOX_BENCH_IMAGE") ?? DockerAvailability.TinyImage;
        var levels = (Environment.GetEnvironmentVariable("AGENTGATE_SANDBOX_BENCH_PARALLELISM") ?? "1,4")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToList();
        var times = new List<(int Parallelism, TimeSpan Up, TimeSpan Down)>();
        foreach (var parallelism in levels)
        {
            var (up, down) = await MeasureAsync(runtime, image, parallelism);
            times.Add((parallelism, up, down));
        }

        var baseline = times[0];
        foreach (var t in times.Skip(1))
        {
            output.WriteLine($"parallelism {t.Parallelism} vs {baseline.Parallelism}: up {baseline.Up / t.Up:F2}x faster, down {baseline.Down / t.Down:F2}x faster");
        }
    }

    private async Task<(TimeSpan Up, TimeSpan Down)> MeasureAsync(IContainerRuntime runtime, string image, int parallelism)
    {
        var root = Directory.CreateTempSubdirectory("agentgate-bench-").FullName;
        var fleet = "b" + Guid.NewGuid().ToString("N")[..10];
        var options = new FleetOptions { GatewayInstance = "bench-" + fleet, StaggerDelay = TimeSpan.Zero, Parallelism = parallelism };
        var manager = new FleetManager(runtime, new RecordingTokenIssuer(), options);
        try
        {
            var agents = string.Join(", ", Enumerable.Range(1, 30).Select(i => $"{{ id: a{i} }}"));
            var parsed = FleetManifestParser.Parse($"fleet: {fleet}\ndefaults: {{ role: r, image: {image}, command: [sleep, \"600\"], workspace: \"ws/{{id}}\", resources: {{ memory: 128Mi }} }}\nagents: [ {agents} ]\n", root);
            var sw = Stopwatch.StartNew();
            var up = await manager.UpAsync(parsed.Manifest!, default);
            var upTime = sw.Elapsed;
            var memory = new List<long>();
            foreach (var a in up.Agents) memory.Add(await runtime.GetMemoryUsageAsync(a.ContainerId, default) ?? 0);
            sw.Restart();
            var down = await manager.DownAsync(fleet, default);
            var downTime = sw.Elapsed;
            Assert.Equal(30, down.ContainersRemoved);
            output.WriteLine($"image={image} parallelism={parallelism} up={upTime.TotalSeconds:F1}s down={downTime.TotalSeconds:F1}s " +
                $"mem/container avg={memory.Average() / 1024 / 1024:F2}MiB max={memory.Max() / 1024.0 / 1024:F2}MiB");
            return (upTime, downTime);
        }
        finally
        {
            await manager.DownAsync(fleet, default);
            Directory.Delete(root, true);
        }
    }
}
