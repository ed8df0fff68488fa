namespace AgentGate.Gateway.Guards.Git;

/// <summary>
/// The command section of a receive-pack request. <see cref="Consumed"/> holds exactly the bytes read from the
/// stream; replay them before the rest of the body when forwarding upstream.
/// </summary>
internal sealed record ReceivePackRequest(
    IReadOnlyList<RefUpdate> Updates,
    IReadOnlySet<string> Capabilities,
    IReadOnlyList<string> PushOptions,
    byte[] Consumed,
    string? Error)
{
    public bool SideBand64k => Capabilities.Contains("side-band-64k");

    public bool SideBand => Capabilities.Contains("side-band");

    public bool ReportStatus => Capabilities.Contains("report-status") || Capabilities.Contains("report-status-v2");
}
