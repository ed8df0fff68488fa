namespace AgentGate.Gateway.Admin;

/// <summary>A check reported by <c>/readyz</c>; features register their own in DI.</summary>
internal interface IReadinessCheck
{
    string Name { get; }

    ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}
