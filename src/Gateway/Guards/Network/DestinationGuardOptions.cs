namespace AgentGate.Gateway.Guards.Network;

/// <summary>Egress destination options. <see cref="AllowedRanges"/> exempts ranges (e.g. loopback in tests).</summary>
internal sealed record DestinationGuardOptions
{
    public IReadOnlyList<Cidr> AllowedRanges { get; init; } = [];
}
