using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentGate.Gateway.Tests.Budgets;

public sealed class BudgetOptionsValidatorTests
{
    [Fact]
    public void AddBudgets_BadValues_ErrorsQuoteKeyAndValue()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AgentGate:Budgets:Pools:anthropic:RequestsPerMinute"] = "-5",
            ["AgentGate:Budgets:Replicas"] = "0",
            ["AgentGate:Budgets:Agents:builder-17:Tokens"] = "-1",
            ["AgentGate:Budgets:WindowSeconds"] = "0",
            ["AgentGate:Budgets:MaxRetryDelay"] = "-00:00:01",
            ["AgentGate:Budgets:CreditCalls"] = "0",
            ["AgentGate:Budgets:CreditHold"] = "00:05:00",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddBudgets(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BudgetOptions>>().Value);

        Assert.Contains("AgentGate:Budgets:Pools:anthropic:RequestsPerMinute must not be negative, got '-5'.", error.Failures);
        Assert.Contains("AgentGate:Budgets:Replicas must be at least 1, got '0'.", error.Failures);
        Assert.Contains("AgentGate:Budgets:Agents:builder-17:Tokens must not be negative, got '-1'.", error.Failures);
        Assert.Contains("AgentGate:Budgets:WindowSeconds must be between 1 and 3600, got '0'.", error.Failures);
        Assert.Contains("AgentGate:Budgets:MaxRetryDelay must be between 0 and 10 minutes, got '-00:00:01'.", error.Failures);
        Assert.Contains("AgentGate:Budgets:CreditCalls must be between 1 (off) and 1000, got '0'.", error.Failures);
        Assert.Contains("AgentGate:Budgets:CreditHold must be positive and at most 00:01:00, got '00:05:00'.", error.Failures);
    }

    [Fact]
    public void AddBudgets_RedisConfigured_UsesRedisStore()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [BudgetServiceCollectionExtensions.RedisConfigurationKey] = "127.0.0.1:1",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddBudgets(configuration).BuildServiceProvider();

        Assert.IsType<RedisBudgetStore>(provider.GetRequiredService<IBudgetStore>());
    }

    [Fact]
    public void AddBudgets_NoRedis_UsesInMemoryStore()
    {
        using var provider = new ServiceCollection().AddLogging().AddBudgets(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.IsType<InMemoryBudgetStore>(provider.GetRequiredService<IBudgetStore>());
    }
}
