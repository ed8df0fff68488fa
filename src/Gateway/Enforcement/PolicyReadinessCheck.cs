using AgentGate.Gateway.Admin;

namespace AgentGate.Gateway.Enforcement;

/// <summary>Ready only with an active bundle; a rejected reload is reported while the old bundle serves.</summary>
internal sealed class PolicyReadinessCheck(PolicyEngine engine) : IReadinessCheck
{
    public string Name => "policy";

    public ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        var current = engine.Current;
        var failure = engine.LastFailure;
        if (current is null)
        {
            return ValueTask.FromResult(ReadinessResult.Fail("no policy bundle active: " + string.Join(" | ", failure?.Errors ?? [])));
        }

        var detail = $"revision {current.Revision} from {current.Origin}";
        if (failure is not null)
        {
            detail += $"; reload of {failure.Revision} rejected at {failure.At:O}: {string.Join(" | ", failure.Errors.Take(3))}";
        }

        return ValueTask.FromResult(ReadinessResult.Ok(detail));
    }
}
