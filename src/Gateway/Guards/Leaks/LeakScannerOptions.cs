namespace AgentGate.Gateway.Guards.Leaks;

internal enum OverLimitPolicy
{
    Refuse,
    Pass,
}

/// <summary>Limits: only the first <see cref="MaxScanBytes"/> of a body are scanned; what follows is refused or passed.</summary>
internal sealed record LeakScannerOptions
{
    public long MaxScanBytes { get; init; } = 8 * 1024 * 1024;

    public OverLimitPolicy OverLimit { get; init; } = OverLimitPolicy.Refuse;

    /// <summary>Bytes kept between chunks; bounds the longest token (JWT, PEM header, secret) found across a boundary.</summary>
    public int CarryBytes { get; init; } = 8 * 1024;
}
