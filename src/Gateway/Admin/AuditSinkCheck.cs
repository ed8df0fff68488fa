using AgentGate.Gateway.Audit;

namespace AgentGate.Gateway.Admin;

/// <summary>Ready when the audit sink can make everything queued so far durable.</summary>
internal sealed class AuditSinkCheck(IAuditSink sink) : IReadinessCheck
{
    public string Name => "audit";

    public async ValueTask<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await sink.FlushAsync(timeout.Token);
            return ReadinessResult.Ok();
        }
        catch (OperationCanceledException)
        {
            return ReadinessResult.Fail("audit sink did not flush within 2s");
        }
    }
}
