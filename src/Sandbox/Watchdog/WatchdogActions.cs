namespace AgentGate.Sandbox.Watchdog;

/// <summary>What to do when an agent enters a state; combine flags.</summary>
[Flags]
public enum WatchdogActions
{
    None = 0,
    Alert = 1,
    PauseModelAccess = 2,
    StopContainer = 4,
}
