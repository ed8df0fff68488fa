using System.Diagnostics;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Identity;

namespace AgentGate.Gateway.GitProxy;

/// <summary>Writes the audit record of one git request: kind <c>git</c>, target <c>repo:service</c>.</summary>
internal sealed class GitAuditContext(IAuditSink audit, TimeProvider time, string requestId, string method, long start)
{
    public ValueTask WriteAsync(TokenCheck check, string repo, string? service, string decision, string reason, EnforcementOutcome? outcome, int? status = null, string? rule = null) =>
        audit.WriteAsync(new AuditRecord
        {
            Time = time.GetUtcNow(),
            RequestId = requestId,
            Agent = check.Token?.AgentId,
            Task = check.Token?.Task,
            Session = check.Token?.Id,
            Kind = "git",
            Method = method,
            Target = service is null ? repo : repo + ":" + service,
            Decision = decision,
            Reason = reason,
            Rule = outcome?.Decision.Rule ?? rule,
            PolicyRevision = outcome?.Decision.Revision,
            ApprovalId = outcome?.ApprovalId,
            UpstreamStatus = status,
            LatencyMs = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3),
        }, CancellationToken.None);
}
