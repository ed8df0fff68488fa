namespace AgentGate.Sandbox.Watchdog;

/// <summary>One agent in the watchdog snapshot (`GET /admin/agents`).</summary>
public sealed record AgentHealth(
    string Fleet,
    string Agent,
    string Task,
    AgentState State,
    string Reason,
    DateTimeOffset StartedAt,
    DateTimeOffset LastActivity,
    bool ContainerAlive,
    bool BudgetExhausted);
