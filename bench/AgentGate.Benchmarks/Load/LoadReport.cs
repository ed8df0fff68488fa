using System.Globalization;
using System.Text;

namespace AgentGate.Benchmarks.Load;

/// <summary>
/// Formats a run: one table row per target and kind (rounds pooled), then ratios against direct and
/// each gate's on/off comparison, by throughput and by CPU per request.
/// </summary>
internal static class LoadReport
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static string Format(LoadOptions options, IReadOnlyList<GatewayVariant> variants, IReadOnlyList<LoadResult> results)
    {
        var pooled = results.GroupBy(r => (r.Target, r.Kind)).Select(Pool).ToList();
        var text = new StringBuilder();
        text.AppendLine(C, $"concurrency {options.Concurrency}, {options.Duration.TotalSeconds}s per phase, {options.Rounds} round(s), {Environment.ProcessorCount} cores");
        foreach (var v in variants)
        {
            text.AppendLine(C, $"  {v.Name}: {v.Description}");
        }

        text.AppendLine();
        text.AppendLine("| phase | requests/s | p50 ms | p99 ms | errors | process CPU µs/req | alloc KB/req | machine busy cores (this process) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in pooled)
        {
            text.AppendLine(C, $"| {r.Target} {r.Kind} | {r.RequestsPerSecond:F0} | {r.P50Ms:F2} | {r.P99Ms:F2} | {r.Errors} | {r.CpuUsPerRequest:F0} | {r.AllocatedBytesPerRequest / 1024:F1} | {r.Cost.MachineBusyCores:F2} ({r.Cost.ProcessCores:F2}) |");
        }

        foreach (var kind in options.Kinds)
        {
            var direct = pooled.FirstOrDefault(r => r.Kind == kind && r.Target == LoadHarness.Direct);
            if (direct is null)
            {
                continue;
            }

            text.AppendLine();
            text.AppendLine(C, $"{kind}: direct costs {direct.CpuUsPerRequest:F0} µs CPU per request (load generator + upstream); gateway CPU per request = phase CPU − direct CPU");
            foreach (var g in pooled.Where(r => r.Kind == kind && r.Target != LoadHarness.Direct))
            {
                text.AppendLine(C, $"- {g.Target}: {Percent(g, direct)} of direct throughput, +{g.P50Ms - direct.P50Ms:F2} ms p50, +{g.P99Ms - direct.P99Ms:F2} ms p99; gateway {g.CpuUsPerRequest - direct.CpuUsPerRequest:F0} µs CPU/req (CPU-bound ratio {100 * direct.CpuUsPerRequest / g.CpuUsPerRequest:F0}%)");
            }

            Compare(text, pooled, kind, GatewayVariant.All, GatewayVariant.NoPolicy, "policy on vs off (target ≥ 90%)");
            Compare(text, pooled, kind, GatewayVariant.NoMemo, GatewayVariant.NoPolicy, "policy on, every decision evaluated, vs off");
            Compare(text, pooled, kind, GatewayVariant.All, GatewayVariant.NoBudgets, "budgets (memory) on vs off");
            Compare(text, pooled, kind, GatewayVariant.Redis, GatewayVariant.NoBudgets, "budgets (Redis) on vs off (target ≥ 85%)");
            Compare(text, pooled, kind, GatewayVariant.All, GatewayVariant.NoGates, "all gates vs no gates");
            Compare(text, pooled, kind, GatewayVariant.NoGates, BareProxy.Name, "no gates vs bare YARP (AgentGate's own cost)");
            Compare(text, pooled, kind, GatewayVariant.All, BareProxy.Name, "all gates vs bare YARP");
        }

        return text.ToString();
    }

    private static void Compare(StringBuilder text, List<LoadResult> pooled, string kind, string on, string off, string label)
    {
        var a = pooled.FirstOrDefault(r => r.Kind == kind && r.Target == on);
        var b = pooled.FirstOrDefault(r => r.Kind == kind && r.Target == off);
        if (a is null || b is null)
        {
            return;
        }

        text.AppendLine(C, $"- {label}: {Percent(a, b)} throughput, +{a.P50Ms - b.P50Ms:F2} ms p50, +{a.CpuUsPerRequest - b.CpuUsPerRequest:F0} µs CPU/req");
    }

    private static string Percent(LoadResult a, LoadResult b) => string.Create(C, $"{100 * a.RequestsPerSecond / b.RequestsPerSecond:F0}%");

    /// <summary>Rounds of one phase pooled: requests and time summed (mean throughput), median latencies, summed costs.</summary>
    private static LoadResult Pool(IGrouping<(string Target, string Kind), LoadResult> rounds)
    {
        var list = rounds.ToList();
        var cost = new PhaseCost(
            TimeSpan.FromTicks(list.Sum(r => r.Cost.ProcessCpu.Ticks)),
            list.Sum(r => r.Cost.AllocatedBytes),
            list.Average(r => r.Cost.MachineBusyCores),
            list.Average(r => r.Cost.ProcessCores));
        return new LoadResult(rounds.Key.Target, rounds.Key.Kind, list.Sum(r => r.Requests), list.Sum(r => r.Errors),
            TimeSpan.FromTicks(list.Sum(r => r.Duration.Ticks)), Median(list.Select(r => r.P50Ms)), Median(list.Select(r => r.P99Ms)), cost);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
