using System.Diagnostics;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Identity;

namespace AgentGate.Gateway.Egress;

internal sealed partial class EgressDecider
{
    private ValueTask WriteAuditAsync(string requestId, TokenCheck check, EgressTarget target, EgressVerdict verdict, EnforcementOutcome? outcome, long start) =>
        audit.WriteAsync(new AuditRecord
        {
            Time = time.GetUtcNow(),
            RequestId = requestId,
            Agent = check.Token?.AgentId,
            Task = check.Token?.Task,
            Session = check.Token?.Id,
            Kind = Kind,
            Method = target.Method,
            Target = target.Display,
            Decision = verdict.Allowed ? AuditDecisions.Allow : AuditDecisions.Deny,
            Reason = verdict.Allowed ? outcome?.AuditReason : verdict.ErrorType + ": " + verdict.Message,
            Rule = verdict.Rule ?? outcome?.Decision.Rule,
            PolicyRevision = outcome?.Decision.Revision,
            ApprovalId = outcome?.ApprovalId,
            LatencyMs = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3),
        }, CancellationToken.None);
}
