namespace AgentGate.Sandbox.Fleet;

/// <summary>The end of one scheduled job: its state and, when it failed, the exception.</summary>
internal readonly record struct JobOutcome(JobState State, Exception? Error);
