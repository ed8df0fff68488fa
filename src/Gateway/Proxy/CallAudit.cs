using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Identity;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Proxy;

/// <summary>Builds the attribution record of a model call from its context.</summary>
internal static class CallAudit
{
    public const string Kind = "llm";

    // Keys of LlmCall.Items that gates set for the attribution record.
    public const string PolicyRevisionItem = "audit.policyRevision";
    public const string PolicyRuleItem = "audit.rule";
    public const string PolicyReasonItem = "audit.reason";
    public const string ApprovalItem = "audit.approvalId";
    public const string CostItem = "audit.costUsd";
    public const string ContextWarningItem = "audit.contextWarning";
    public const string RetriesItem = "audit.retries";

    public static AuditRecord Allowed(LlmCall call, DateTimeOffset now) => new()
    {
        Time = now,
        RequestId = call.RequestId,
        Agent = call.Agent.Id,
        Task = call.Task,
        Session = call.Session,
        Kind = Kind,
        Method = call.Method,
        Target = Target(call.Provider.Name, call.Path),
        Model = call.Model ?? call.Usage.ResponseModel,
        Decision = AuditDecisions.Allow,
        Reason = call.ErrorType ?? call.Items.GetValueOrDefault(PolicyReasonItem) as string,
        Rule = call.Items.GetValueOrDefault(PolicyRuleItem) as string,
        PolicyRevision = call.Items.GetValueOrDefault(PolicyRevisionItem) as string,
        ApprovalId = call.Items.GetValueOrDefault(ApprovalItem) as string,
        CostUsd = call.Items.GetValueOrDefault(CostItem) as decimal?,
        ContextWarning = call.Items.GetValueOrDefault(ContextWarningItem) as bool?,
        Retries = call.Items.GetValueOrDefault(RetriesItem) as int?,
        UpstreamStatus = call.UpstreamStatus,
        LatencyMs = Milliseconds(call.Duration),
        InputTokens = call.Usage.InputTokens,
        OutputTokens = call.Usage.OutputTokens,
    };

    public static AuditRecord Denied(LlmCall call, string provider, GateResult result, DateTimeOffset now) => new()
    {
        Time = now,
        RequestId = call.RequestId,
        Agent = call.Agent.Id,
        Task = call.Task,
        Session = call.Session,
        Kind = Kind,
        Method = call.Method,
        Target = Target(provider, call.Path),
        Model = call.Model,
        Decision = AuditDecisions.Deny,
        Reason = result.ErrorType + ": " + result.Message,
        Rule = result.Rule,
        PolicyRevision = result.Details?.PolicyRevision ?? call.Items.GetValueOrDefault(PolicyRevisionItem) as string,
        ApprovalId = result.Details?.ApprovalId,
        LatencyMs = Milliseconds(call.Duration),
    };

    public static AuditRecord Unauthenticated(HttpContext context, string requestId, string provider, TokenCheck check, TimeSpan elapsed, DateTimeOffset now) => new()
    {
        Time = now,
        RequestId = requestId,
        Agent = check.Token?.AgentId,
        Task = check.Token?.Task,
        Session = check.Token?.Id,
        Kind = Kind,
        Method = context.Request.Method,
        Target = Target(provider, context.Request.Path.Value ?? string.Empty),
        Decision = AuditDecisions.Deny,
        Reason = "unauthenticated: " + check.Reason,
        LatencyMs = Milliseconds(elapsed),
    };

    private static string Target(string provider, string path)
    {
        var prefix = "/llm/" + provider;
        return provider + " " + (path.StartsWith(prefix, StringComparison.Ordinal) ? path[prefix.Length..] : path);
    }

    private static double? Milliseconds(TimeSpan? elapsed) =>
        elapsed is { } e ? Math.Round(e.TotalMilliseconds, 3) : null;
}
