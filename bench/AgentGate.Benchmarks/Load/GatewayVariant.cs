using AgentGate.Gateway.Budgets;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Proxy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Benchmarks.Load;

/// <summary>
/// One gateway configuration under load: every gate on (in-memory or Redis budget store), or with one
/// gate or all gates removed, so a single run yields the on/off ratios of each gate.
/// </summary>
internal sealed record GatewayVariant(string Name, string Description, Type[]? RemovedGates, bool UseRedis, bool DecisionMemo = true)
{
    public const string All = "all-gates";
    public const string NoPolicy = "policy-off";
    public const string NoBudgets = "budgets-off";
    public const string Redis = "budgets-redis";
    public const string NoGates = "no-gates";
    public const string NoMemo = "all-gates-nomemo";

    public static IReadOnlyList<GatewayVariant> Known { get; } =
    [
        new(All, "policy, leak stop, budgets (in memory), watchdog", [], false),
        new(NoPolicy, "as all-gates without the policy gate", [typeof(LlmPolicyGate)], false),
        new(NoBudgets, "as all-gates without the budget gate", [typeof(BudgetCallGate)], false),
        new(Redis, "as all-gates with the Redis budget store", [], true),
        new(NoGates, "token check, metering, audit only", null, false),
        new(NoMemo, "as all-gates, every policy decision evaluated (Policy:DecisionMemo false)", [], false, DecisionMemo: false),
    ];

    /// <summary>Starts this variant against the upstream and issues its agent token.</summary>
    public async Task<(RunningGateway Gateway, string Token)> StartAsync(Uri upstream, string directory, string? redis)
    {
        var settings = new Dictionary<string, string?>
        {
            ["AgentGate:Listeners:Agent"] = "http://127.0.0.1:0",
            ["AgentGate:Listeners:Admin"] = "http://127.0.0.1:0",
            ["AgentGate:Providers:anthropic:Type"] = "anthropic",
            ["AgentGate:Providers:anthropic:BaseUrl"] = upstream.ToString(),
            ["AgentGate:Providers:anthropic:Secret"] = "env:AGENTGATE_BENCH_KEY",
            ["AgentGate:Agents:bench:Role"] = "builder",
            ["AgentGate:Audit:Path"] = Path.Combine(directory, Name + ".audit.jsonl"),
            // Limits far above what the run can reach, so every call is reserved and settled but none waits.
            ["AgentGate:Budgets:Pools:anthropic:RequestsPerMinute"] = "1000000000",
            ["AgentGate:Budgets:Pools:anthropic:InputTokensPerMinute"] = "1000000000000",
            ["AgentGate:Budgets:Pools:anthropic:OutputTokensPerMinute"] = "1000000000000",
            ["AgentGate:Budgets:Pools:anthropic:MaxConcurrent"] = "100000",
            ["AgentGate:Budgets:Agent:Tokens"] = "1000000000000000",
            ["AgentGate:Budgets:Fleet:Tokens"] = "1000000000000000",
            ["AgentGate:Budgets:Prices:*:Input"] = "3",
            ["AgentGate:Budgets:Prices:*:Output"] = "15",
        };
        settings["AgentGate:Policy:DecisionMemo"] = DecisionMemo ? "true" : "false";
        if (UseRedis)
        {
            settings["AgentGate:Redis:Configuration"] = redis ?? throw new InvalidOperationException("the Redis variant needs --redis or AGENTGATE_TEST_REDIS");
            settings["AgentGate:Budgets:KeyPrefix"] = "agentgate-bench:{" + Path.GetFileName(directory) + "}:";
        }

        var gateway = await GatewayHost.StartAsync(new GatewayHostOptions
        {
            Settings = settings,
            ConfigureLogging = logging => logging.ClearProviders(),
            ConfigureServices = services =>
            {
                var gates = services.Where(d => d.ServiceType == typeof(ICallGate)
                    && (RemovedGates is null || RemovedGates.Contains(d.ImplementationType))).ToList();
                foreach (var gate in gates)
                {
                    services.Remove(gate);
                }
            },
        });
        var token = (await gateway.Services.GetRequiredService<TokenStore>().IssueAsync("bench", "BENCH", TimeSpan.FromHours(1), CancellationToken.None)).Token!.Token;
        return (gateway, token);
    }
}
