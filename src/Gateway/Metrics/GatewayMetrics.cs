using System.Diagnostics;
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
        // TagList keeps up to eight tags inline: no tag array per call.
        var tags = new TagList { { "agent", agent }, { "provider", provider }, { "model", model ?? "unknown" } };
        _duration.Record(duration.TotalSeconds, tags);
        if (inputTokens is > 0)
        {
            var input = tags;
            input.Add("type", "input");
            _tokens.Add(inputTokens.Value, input);
        }

        if (outputTokens is > 0)
        {
            var output = tags;
            output.Add("type", "output");
            _tokens.Add(outputTokens.Value, output);
        }

        tags.Add("decision", decision);
        tags.Add("status", StatusTags.Box(status ?? 0));
        _requests.Add(1, tags);
    }
}
