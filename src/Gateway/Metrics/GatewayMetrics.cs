using System.Diagnostics.Metrics;

namespace AgentGate.Gateway.Metrics;

/// <summary>Model-call metrics: requests, latency and tokens by agent, provider and model.</summary>
internal sealed class GatewayMetrics
{
    public const string MeterName = "AgentGate.Gateway";

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _tokens;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _requests = meter.CreateCounter<long>("agentgate.llm.requests", "{request}", "Model calls by agent, provider, model and outcome");
        _duration = meter.CreateHistogram<double>("agentgate.llm.duration", "s", "Model call latency through the gateway");
        _tokens = meter.CreateCounter<long>("agentgate.llm.tokens", "{token}", "Tokens reported by the upstream, by type (input/output)");
    }

    public void RecordCall(string agent, string provider, string? model, string decision, int? status, TimeSpan duration, long? inputTokens, long? outputTokens)
    {
        var modelTag = model ?? "unknown";
        _requests.Add(1, new("agent", agent), new("provider", provider), new("model", modelTag), new("decision", decision), new("status", status ?? 0));
        _duration.Record(duration.TotalSeconds, new("agent", agent), new("provider", provider), new("model", modelTag));
        if (inputTokens is > 0)
        {
            _tokens.Add(inputTokens.Value, new("agent", agent), new("provider", provider), new("model", modelTag), new("type", "input"));
        }

        if (outputTokens is > 0)
        {
            _tokens.Add(outputTokens.Value, new("agent", agent), new("provider", provider), new("model", modelTag), new("type", "output"));
        }
    }
}
