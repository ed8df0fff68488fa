using System.Diagnostics;
using System.Diagnostics.Metrics;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.LeakStop;

namespace AgentGate.Gateway.Metrics;

/// <summary>
/// Counts every attribution record as it is written, so each channel's allows and denies — and every leak
/// stop refusal, whichever channel caught it — are visible in metrics with no per-channel wiring. Tags are
/// the record's kind and decision, both from fixed sets the gateway writes.
/// </summary>
internal sealed class AuditMetrics
{
    public const string MeterName = "AgentGate.Audit";

    private readonly Counter<long> _records;
    private readonly Counter<long> _leaks;

    public AuditMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _records = meter.CreateCounter<long>("agentgate.audit.records", "{record}", "Attribution records written, by kind (llm, git, egress, mcp, exec, …) and decision");
        _leaks = meter.CreateCounter<long>("agentgate.leakstop.refusals", "{request}", "Requests refused because they carried a credential, by kind");
    }

    public void Written(AuditRecord record)
    {
        var tags = new TagList { { "kind", record.Kind }, { "decision", record.Decision } };
        _records.Add(1, tags);
        if (record.Rule == LeakStopScanner.Rule && record.Decision == AuditDecisions.Deny)
        {
            _leaks.Add(1, new TagList { { "kind", record.Kind } });
        }
    }
}
