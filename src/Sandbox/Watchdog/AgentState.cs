namespace AgentGate.Sandbox.Watchdog;

/// <summary>What the watchdog thinks an agent is doing (serialised snake_case: working, stalled, zombie, over_budget, exited).</summary>
public enum AgentState
{
    Working,
    Stalled,
    Zombie,
    OverBudget,
    Exited,
}
