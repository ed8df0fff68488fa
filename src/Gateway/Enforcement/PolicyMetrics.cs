using System.Diagnostics.Metrics;

namespace AgentGate.Gateway.Enforcement;

/// <summary>OpenTelemetry instruments of the policy gate.</summary>
internal sealed class PolicyMetrics
{
    public const string MeterName = "AgentGate.Policy";

    private readonly Counter<long> _decisions;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _reloads;
    private readonly Counter<long> _memoized;

    public PolicyMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _decisions = meter.CreateCounter<long>("agentgate.policy.decisions", "{decision}", "Policy decisions by result and rule");
        _duration = meter.CreateHistogram<double>("agentgate.policy.evaluation.duration", "s", "Time to evaluate data.agentgate.decision");
        _reloads = meter.CreateCounter<long>("agentgate.policy.reloads", "{reload}", "Bundle activations by outcome");
        _memoized = meter.CreateCounter<long>("agentgate.policy.decisions.memoized", "{decision}", "Decisions answered from the decision memo without evaluating");
    }

    /// <summary>Counts a decision; <paramref name="elapsed"/> is null when it came from the memo (nothing was evaluated).</summary>
    public void Decided(PolicyDecision decision, TimeSpan? elapsed)
    {
        var result = !decision.Allow ? "deny" : decision.NeedsApproval ? "approval" : "allow";
        _decisions.Add(1, new KeyValuePair<string, object?>("decision", result), new KeyValuePair<string, object?>("rule", decision.Rule));
        if (elapsed is { } e)
        {
            _duration.Record(e.TotalSeconds);
        }
        else
        {
            _memoized.Add(1);
        }
    }

    public void Reloaded(bool success) => _reloads.Add(1, new KeyValuePair<string, object?>("outcome", success ? "activated" : "rejected"));
}
