namespace AgentGate.Gateway.Budgets;

internal enum StoreOutcome
{
    Reserved = 0,
    RateLimited = 1,
    BudgetExceeded = 2,
}
