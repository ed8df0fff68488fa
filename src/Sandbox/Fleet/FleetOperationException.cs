namespace AgentGate.Sandbox.Fleet;

/// <summary>
/// `fleet up` or `fleet down` failed for one or more agents; <see cref="Failures"/> names each failed agent (or network) and its error.
/// When thrown by up, the whole fleet has already been torn down (every container removed, every token revoked).
/// </summary>
public sealed class FleetOperationException : InvalidOperationException
{
    public FleetOperationException(string operation, string fleet, int agents, IReadOnlyList<FleetFailure> failures)
        : base(Describe(operation, fleet, agents, failures), failures.Count > 0 ? failures[0].Error : null)
    {
        Operation = operation;
        Fleet = fleet;
        Failures = failures;
    }

    public FleetOperationException()
    {
    }

    public FleetOperationException(string message)
        : base(message)
    {
    }

    public FleetOperationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary><c>up</c> or <c>down</c>.</summary>
    public string Operation { get; } = "";

    public string Fleet { get; } = "";

    public IReadOnlyList<FleetFailure> Failures { get; } = [];

    private static string Describe(string operation, string fleet, int agents, IReadOnlyList<FleetFailure> failures) => operation == "up"
        ? $"fleet '{fleet}' did not come up: {failures.Count} of {agents} agent(s) failed; the fleet was torn down (containers removed, tokens revoked)"
        : $"fleet '{fleet}' teardown had {failures.Count} failure(s) among {agents} agent(s); every agent's token revocation was attempted";
}
