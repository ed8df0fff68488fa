namespace AgentGate.Benchmarks.Load;

/// <summary>One measured phase: throughput, latency, and the process CPU and allocation it cost per request.</summary>
internal sealed record LoadResult(string Target, string Kind, long Requests, long Errors, TimeSpan Duration, double P50Ms, double P99Ms, PhaseCost Cost)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;

    /// <summary>Process CPU time per request (load generator + upstream + gateway, all in this process).</summary>
    public double CpuUsPerRequest => Requests == 0 ? double.NaN : Cost.ProcessCpu.TotalMicroseconds / Requests;

    public double AllocatedBytesPerRequest => Requests == 0 ? double.NaN : (double)Cost.AllocatedBytes / Requests;
}
