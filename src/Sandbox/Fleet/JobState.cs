namespace AgentGate.Sandbox.Fleet;

/// <summary>How one job of a <see cref="FleetScheduler"/> run ended.</summary>
internal enum JobState
{
    /// <summary>Not started: another job failed (or the run was cancelled) before this one began or before its start turn.</summary>
    NotRun,

    /// <summary>Prepared and started.</summary>
    Done,

    /// <summary>Its preparation or start threw; <see cref="JobOutcome.Error"/> says why.</summary>
    Failed,
}
