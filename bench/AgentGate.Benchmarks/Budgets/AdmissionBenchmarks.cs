using AgentGate.Gateway.Budgets;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
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
        if (Store == "redis")
        {
            settings["AgentGate:Redis:Configuration"] = Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS") ?? "127.0.0.1:6390";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        _provider = new ServiceCollection().AddLogging().AddBudgets(configuration).BuildServiceProvider();
        _admission = _provider.GetRequiredService<BudgetAdmission>();
        _request = new AdmissionRequest { Provider = "anthropic", Agent = "bench", Task = "t1", Model = "m", EstimatedInputTokens = 1000, MaxOutputTokens = 1000 };
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
