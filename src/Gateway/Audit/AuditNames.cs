using System.Text.Json;

namespace AgentGate.Gateway.Audit;

/// <summary>The property names of an audit line, encoded once.</summary>
internal static class AuditNames
{
    public static readonly JsonEncodedText Time = JsonEncodedText.Encode("time");
    public static readonly JsonEncodedText RequestId = JsonEncodedText.Encode("requestId");
    public static readonly JsonEncodedText Agent = JsonEncodedText.Encode("agent");
    public static readonly JsonEncodedText Task = JsonEncodedText.Encode("task");
    public static readonly JsonEncodedText Session = JsonEncodedText.Encode("session");
    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    public static readonly JsonEncodedText Method = JsonEncodedText.Encode("method");
    public static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
    public static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    public static readonly JsonEncodedText Decision = JsonEncodedText.Encode("decision");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
    public static readonly JsonEncodedText UpstreamStatus = JsonEncodedText.Encode("upstreamStatus");
    public static readonly JsonEncodedText LatencyMs = JsonEncodedText.Encode("latencyMs");
    public static readonly JsonEncodedText InputTokens = JsonEncodedText.Encode("inputTokens");
    public static readonly JsonEncodedText OutputTokens = JsonEncodedText.Encode("outputTokens");
    public static readonly JsonEncodedText PolicyRevision = JsonEncodedText.Encode("policyRevision");
    public static readonly JsonEncodedText ApprovalId = JsonEncodedText.Encode("approvalId");
    public static readonly JsonEncodedText CostUsd = JsonEncodedText.Encode("costUsd");
    public static readonly JsonEncodedText ContextWarning = JsonEncodedText.Encode("contextWarning");
    public static readonly JsonEncodedText Retries = JsonEncodedText.Encode("retries");
    public static readonly JsonEncodedText PrevHash = JsonEncodedText.Encode("prevHash");
    public static readonly JsonEncodedText Hash = JsonEncodedText.Encode("hash");
}
