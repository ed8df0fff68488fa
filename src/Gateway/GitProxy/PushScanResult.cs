using AgentGate.Gateway.Guards.Leaks;
using AgentGate.Gateway.LeakStop;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// The outcome of scanning a push's objects: a <see cref="Finding"/> (with where it is, never the value), a
/// <see cref="Problem"/> that kept the gateway from scanning the push, or clean. <see cref="Unscanned"/> names what an
/// <see cref="ScanOverLimitPolicy.Allow"/> configuration let through unscanned.
/// </summary>
internal sealed record PushScanResult(LeakFinding? Finding, string? Location, string? Problem, string? Unscanned, int Objects, long Bytes)
{
    public static PushScanResult Unscannable(string problem) => new(null, null, problem, null, 0, 0);

    /// <summary>Null when the push may go on; otherwise the reason it is refused (<c>credential_leak: …</c>).</summary>
    public string? RefusalReason => Finding is not null
        ? $"{LeakStopScanner.ErrorType}: {Finding} in {Location}"
        : Problem is not null ? $"{LeakStopScanner.ErrorType}: the push could not be scanned for credentials: {Problem}" : null;

    /// <summary>For the audit record of an allowed push: what was scanned.</summary>
    public string Summary => $"; scanned {Objects} objects ({Bytes} bytes)" + (Unscanned is null ? string.Empty : "; unscanned: " + Unscanned);
}
