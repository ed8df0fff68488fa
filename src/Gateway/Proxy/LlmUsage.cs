namespace AgentGate.Gateway.Proxy;

/// <summary>Token usage as reported by the upstream; later reports in a stream replace earlier ones.</summary>
internal sealed class LlmUsage
{
    public long? InputTokens { get; set; }
    public long? OutputTokens { get; set; }
    public long? CacheReadInputTokens { get; set; }
    public long? CacheCreationInputTokens { get; set; }

    /// <summary>The model the upstream says answered (may differ from the requested alias).</summary>
    public string? ResponseModel { get; set; }
}
