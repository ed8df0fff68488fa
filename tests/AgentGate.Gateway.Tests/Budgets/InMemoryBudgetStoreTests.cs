using AgentGate.Gateway.Budgets;

namespace AgentGate.Gateway.Tests.Budgets;

public sealed class InMemoryBudgetStoreTests : BudgetStoreTests
{
    internal override bool Available => true;

    internal override IBudgetStore CreateStore(string prefix) => new InMemoryBudgetStore();
}
