namespace AgentGate.Gateway.Fleet;

/// <summary>An expected failure of a fleet/sandbox command, printed as a structured error with a stable type.</summary>
internal sealed class FleetCliException(string type, string message, IReadOnlyList<string>? details = null) : Exception(message)
{
    public string Type { get; } = type;

    public IReadOnlyList<string> Details { get; } = details ?? [];
}
