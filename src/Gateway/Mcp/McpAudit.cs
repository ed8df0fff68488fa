using System.Diagnostics;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Identity;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// The attribution records of one MCP request: kind <c>tool</c> for every tools/call (allowed or refused,
/// naming server, tool, decision, rule and bundle revision), kind <c>mcp</c> for every other message and
/// for the GET stream and DELETE.
/// </summary>
internal sealed class McpAudit(IAuditSink sink, TimeProvider time, string requestId, TokenCheck check, string server, long start)
{
    public const string ToolKind = "tool";
    public const string McpKind = "mcp";

    private readonly List<AuditRecord> _pending = [];

    public void ToolCall(McpToolDecision decision) => _pending.Add(Record(ToolKind, JsonRpcMessage.ToolsCall, server + "/" + (decision.Tool ?? "?")) with
    {
        Decision = decision.Allowed ? AuditDecisions.Allow : AuditDecisions.Deny,
        Reason = decision.Outcome?.AuditReason ?? decision.Error?.Type + ": " + decision.Error?.Message,
        Rule = decision.Outcome?.Decision.Rule,
        PolicyRevision = decision.Outcome?.Decision.Revision,
        ApprovalId = decision.Outcome?.ApprovalId,
    });

    public void Message(string method, string decision, string? reason) =>
        _pending.Add(Record(McpKind, method, server) with { Decision = decision, Reason = reason });

    /// <summary>Writes every pending record with the upstream status (null when nothing was forwarded).</summary>
    public async Task FlushAsync(int? upstreamStatus)
    {
        var latency = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3);
        foreach (var record in _pending)
        {
            var forwarded = record.Decision == AuditDecisions.Allow;
            await sink.WriteAsync(record with { UpstreamStatus = forwarded ? upstreamStatus : null, LatencyMs = latency }, CancellationToken.None);
        }

        _pending.Clear();
    }

    private AuditRecord Record(string kind, string method, string target) => new()
    {
        Time = time.GetUtcNow(),
        RequestId = requestId,
        Agent = check.Token?.AgentId,
        Task = check.Token?.Task,
        Session = check.Token?.Id,
        Kind = kind,
        Method = method,
        Target = target,
        Decision = AuditDecisions.Deny,
    };
}
