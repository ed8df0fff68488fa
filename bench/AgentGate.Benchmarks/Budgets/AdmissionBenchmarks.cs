using AgentGate.Gateway.Budgets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Benchmarks.Budgets;

/// <summary>Admit + settle latency for each store. Redis needs AGENTGATE_TEST_REDIS (bash scripts/start-redis.sh).
/// Run: dotnet run -c Release --project bench/AgentGate.Benchmarks -- --filter *AdmissionBenchmarks* --job short</summary>
[MemoryDiagnoser]
public class AdmissionBenchmarks
{
    private ServiceProvider? _provider;
    private BudgetAdmission? _admission;
    private AdmissionRequest? _request;

    [Params("memory", "redis")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public void Setup()
    {
        var redis = Store == "redis" ? Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS") ?? "127.0.0.1:6390" : null;
        _provider = AdmissionLatencyHarness.Build(redis, creditCalls: null);
        _admission = _provider.GetRequiredService<BudgetAdmission>();
        _request = AdmissionLatencyHarness.Request;
    }

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();

    [Benchmark]
    public async Task AdmitAndSettle()
    {
        var result = await _admission!.AdmitAsync(_request!, CancellationToken.None);
        await _admission.SettleAsync(result.Reservation!, 900, 500, 0, 200, null, CancellationToken.None);
    }
}
