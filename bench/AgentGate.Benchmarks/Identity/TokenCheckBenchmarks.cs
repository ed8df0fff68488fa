using AgentGate.Gateway.Config;
using AgentGate.Gateway.Identity;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Benchmarks.Identity;

/// <summary>The per-request token check for each store: memory (baseline), Redis with the replica cache (the
/// normal case), Redis with the cache off (CacheSeconds 0: one HGETALL per check). Redis needs AGENTGATE_TEST_REDIS.
/// Run: dotnet bench/AgentGate.Benchmarks/bin/Release/net10.0/AgentGate.Benchmarks.dll --filter *TokenCheckBenchmarks* --job short --inProcess</summary>
[MemoryDiagnoser]
public class TokenCheckBenchmarks
{
    private ServiceProvider? _provider;
    private TokenStore? _tokens;
    private string _token = string.Empty;

    [Params("memory", "redis-cached", "redis-uncached")]
    public string Store { get; set; } = "memory";

    [GlobalSetup]
    public async Task Setup()
    {
        var settings = new Dictionary<string, string?>
        {
            ["AgentGate:Agents:bench:Role"] = "builder",
            ["AgentGate:Tokens:KeyPrefix"] = $"agbench:{{{Guid.NewGuid():N}}}:",
            ["AgentGate:Tokens:CacheSeconds"] = Store == "redis-uncached" ? "0" : "5",
        };
        if (Store != "memory")
        {
            settings["AgentGate:Redis:Configuration"] = Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS") ?? "127.0.0.1:6390";
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddSingleton(ConfigReader.ReadOrThrow(configuration));
        services.AddAgentTokens();
        _provider = services.BuildServiceProvider();
        _tokens = _provider.GetRequiredService<TokenStore>();
        _token = (await _tokens.IssueAsync("bench", null, TimeSpan.FromHours(1), CancellationToken.None)).Token!.Token;
    }

    [GlobalCleanup]
    public void Cleanup() => _provider?.Dispose();

    [Benchmark]
    public async Task<bool> Check() => (await _tokens!.CheckAsync(_token, CancellationToken.None)).IsValid;
}
