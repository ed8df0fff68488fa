using AgentGate.Gateway.Budgets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>One gateway replica's budget services over a given store, built through AddBudgets.</summary>
internal sealed class BudgetTestHost : IDisposable
{
    private readonly ServiceProvider _provider;

    public BudgetTestHost(IBudgetStore store, FakeTimeProvider time, IDictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddBudgets(configuration);
        services.AddSingleton(store);
        _provider = services.BuildServiceProvider();
        Admission = _provider.GetRequiredService<BudgetAdmission>();
        Admin = _provider.GetRequiredService<BudgetAdmin>();
        Context = _provider.GetRequiredService<ContextWatch>();
        Store = store;
    }

    public BudgetAdmission Admission { get; }

    public BudgetAdmin Admin { get; }

    public ContextWatch Context { get; }

    public IBudgetStore Store { get; }

    public IServiceProvider Services => _provider;

    public static AdmissionRequest Request(string agent, long input = 1000, long output = 1000, string role = "", string task = "", string session = "") =>
        new() { Provider = "anthropic", Agent = agent, Model = "claude-test", EstimatedInputTokens = input, MaxOutputTokens = output, Role = role, Task = task, Session = session };

    public void Dispose() => _provider.Dispose();
}
