namespace AgentGate.Benchmarks.Load;

internal sealed record LoadResult(string Name, long Requests, long Errors, TimeSpan Duration, double P50Ms, double P99Ms)
{
    public double RequestsPerSecond => Requests / Duration.TotalSeconds;
}
