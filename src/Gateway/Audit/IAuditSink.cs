namespace AgentGate.Gateway.Audit;

/// <summary>Where attribution records go. The sink owns the hash chain: it sets PrevHash and Hash.</summary>
internal interface IAuditSink
{
    /// <summary>Queues a record; returns once it is accepted (not necessarily on disk).</summary>
    ValueTask WriteAsync(AuditRecord record, CancellationToken cancellationToken);

    /// <summary>Completes when every record accepted before the call is durable.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}
