using System.Diagnostics.Metrics;

namespace AgentGate.Gateway.Budgets;

/// <summary>Budget and pacing instruments on the <c>AgentGate.Budgets</c> meter.</summary>
internal sealed class BudgetMetrics
{
    public const string MeterName = "AgentGate.Budgets";
    private readonly Counter<long> _admissions;
    private readonly Counter<long> _rejections;
    private readonly Histogram<double> _queueWait;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _streamStops;

    public BudgetMetrics(IMeterFactory meterFactory, ContextWatch contextWatch, BudgetStoreHealth health)
    {
        var meter = meterFactory.Create(MeterName);
        _admissions = meter.CreateCounter<long>("agentgate.budget.admissions", "{request}", "Model calls admitted");
        _rejections = meter.CreateCounter<long>("agentgate.budget.rejections", "{request}", "Model calls rejected (budget_exceeded or rate_limited)");
        _queueWait = meter.CreateHistogram<double>("agentgate.budget.queue_wait", "s", "Time spent in the fair queue");
        _tokens = meter.CreateCounter<long>("agentgate.llm.tokens", "{token}", "Tokens used, by type");
        _cost = meter.CreateCounter<double>("agentgate.llm.cost", "{USD}", "Money spent in US dollars");
        _retries = meter.CreateCounter<long>("agentgate.upstream.retries", "{retry}", "Upstream 429/529/overloaded answers retried transparently, by provider and reason (rate_limited or overloaded)");
        _streamStops = meter.CreateCounter<long>("agentgate.budget.stream_stops", "{request}", "Streams ended with an error event because a budget ran out mid-response");
        meter.CreateObservableGauge("agentgate.budget.context_flagged_sessions", () => contextWatch.FlaggedCount, "{session}", "Sessions past the context-window warning ratio");
        meter.CreateObservableGauge("agentgate.budget.store_degraded", () => health.IsDegraded ? 1 : 0, "1", "1 while the shared budget store is unreachable");
    }

    public void Admitted(AdmissionRequest request, TimeSpan queueWait)
    {
        _admissions.Add(1, new("provider", request.Provider), new("agent", request.Agent));
        _queueWait.Record(queueWait.TotalSeconds, new KeyValuePair<string, object?>("provider", request.Provider));
    }

    public void Rejected(AdmissionRequest request, BudgetRejection rejection) =>
        _rejections.Add(1, new("provider", request.Provider), new("agent", request.Agent), new("type", rejection.Type));

    public void Used(AdmissionRequest request, long input, long output, long cacheRead, decimal costUsd)
    {
        _tokens.Add(input, new("model", request.Model), new("agent", request.Agent), new("type", "input"));
        _tokens.Add(output, new("model", request.Model), new("agent", request.Agent), new("type", "output"));
        _tokens.Add(cacheRead, new("model", request.Model), new("agent", request.Agent), new("type", "cache_read"));
        _cost.Add((double)costUsd, new("model", request.Model), new("agent", request.Agent));
    }

    public void Retried(string provider, string agent, int upstreamStatus) =>
        _retries.Add(1, new("provider", provider), new("reason", RetryReason(upstreamStatus)), new("agent", agent));

    /// <summary>429 is the provider's rate limit; 529 and 5xx "overloaded" answers are capacity.</summary>
    public static string RetryReason(int upstreamStatus) => upstreamStatus == 429 ? "rate_limited" : "overloaded";

    public void StreamStopped(AdmissionRequest request, BudgetRejection rejection) =>
        _streamStops.Add(1, new("provider", request.Provider), new("agent", request.Agent), new("rule", rejection.Rule));
}
