namespace AgentGate.Sandbox.Fleet;

/// <summary>
/// `fleet up` or `fleet down` failed for one or more agents; <see cref="Failures"/> names each failed agent (or network) and its error.
/// When thrown by up, the whole fleet has already been torn down (every container removed, every token revoked).
/// </summary>
public sealed class FleetOperationException : InvalidOperationException
{
    /// <param name="tornDown">For up: whether the rollback removed everything; when false, <paramref name="failures"/> also lists what it could not remove.</param>
    public FleetOperationException(string operation, string fleet, int agents, IReadOnlyList<FleetFailure> failures, bool tornDown = true)
        : base(Describe(operation, fleet, agents, failures, tornDown), failures.Count > 0 ? failures[0].Error : null)
    {
        Operation = operation;
        Fleet = fleet;
        Failures = failures;
        TornDown = tornDown;
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

    /// <summary>For up: the fleet was removed completely (every container and network; revocation was attempted for every token).</summary>
    public bool TornDown { get; } = true;

    private static string Describe(string operation, string fleet, int agents, IReadOnlyList<FleetFailure> failures, bool tornDown) => operation == "up"
        ? tornDown
            ? $"fleet '{fleet}' did not come up: {failures.Count} of {agents} agent(s) failed; the fleet was torn down (containers removed, tokens revoked)"
            : $"fleet '{fleet}' did not come up and tearing it down failed too ({failures.Count} failure(s)); run `fleet down` again once the errors are fixed"
        : $"fleet '{fleet}' teardown had {failures.Count} failure(s) among {agents} agent(s); every agent's token revocation was attempted";
}
