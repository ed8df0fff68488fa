using System.Diagnostics;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.LeakStop;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// The attribution records of one MCP request: kind <c>tool</c> for every tools/call (allowed or refused,
/// naming server, tool, decision, rule and bundle revision), kind <c>mcp</c> for every other message and
/// for the GET stream and DELETE. Each record is also counted in <see cref="McpMetrics"/> once the upstream's
/// answer is known, so an allowed message whose upstream failed counts as <c>upstream_error</c>.
/// </summary>
internal sealed class McpAudit(IAuditSink sink, TimeProvider time, string requestId, TokenCheck check, string server, long start, McpMetrics metrics, string serverTag)
{
    public const string ToolKind = "tool";
    public const string McpKind = "mcp";
    private const string Allowed = "allowed";

    private readonly List<Entry> _pending = [];
    private bool _upstreamFailed;

    public void ToolCall(McpToolDecision decision) => _pending.Add(new Entry(Record(ToolKind, JsonRpcMessage.ToolsCall, server + "/" + (decision.Tool ?? "?")) with
    {
        Decision = decision.Allowed ? AuditDecisions.Allow : AuditDecisions.Deny,
        Reason = decision.Outcome?.AuditReason ?? decision.Error?.Type + ": " + decision.Error?.Message,
        Rule = decision.Outcome?.Decision.Rule,
        PolicyRevision = decision.Outcome?.Decision.Revision,
        ApprovalId = decision.Outcome?.ApprovalId,
    }, decision.Tool ?? "?", Outcome(decision)));

    public void Message(string method, string decision, string? reason) =>
        _pending.Add(new Entry(Record(McpKind, method, server) with { Decision = decision, Reason = reason }, null, decision == AuditDecisions.Allow ? Allowed : "denied"));

    /// <summary>The upstream could not be reached or failed mid-answer: forwarded messages count as upstream errors.</summary>
    public void UpstreamFailed() => _upstreamFailed = true;

    /// <summary>Writes every pending record with the upstream status (null when nothing was forwarded).</summary>
    public async Task FlushAsync(int? upstreamStatus)
    {
        var latency = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3);
        var failed = _upstreamFailed || upstreamStatus >= 500;
        foreach (var (record, tool, outcome) in _pending)
        {
            var forwarded = record.Decision == AuditDecisions.Allow;
            await sink.WriteAsync(record with { UpstreamStatus = forwarded ? upstreamStatus : null, LatencyMs = latency }, CancellationToken.None);
            metrics.Message(serverTag, record.Method!, tool, outcome == Allowed && failed ? "upstream_error" : outcome);
        }

        _pending.Clear();
    }

    private static string Outcome(McpToolDecision decision) => decision.Error?.Type switch
    {
        null => Allowed,
        "approval_required" => "approval_required",
        LeakStopScanner.ErrorType => "credential_leak",
        _ => "denied",
    };

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

    private readonly record struct Entry(AuditRecord Record, string? Tool, string Outcome);
}
