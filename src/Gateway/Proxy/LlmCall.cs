using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// The per-call context that flows through the model proxy pipeline: who is calling, what they ask
/// (read from the request body before forwarding), and what happened (status, usage, timings).
/// Gates read it before forwarding and read the outcome after the response has been relayed.
/// </summary>
internal sealed class LlmCall
{
    public required string RequestId { get; init; }
    public required AgentConfig Agent { get; init; }
    public string? Task { get; init; }
    public required string Session { get; init; }
    public required string TokenId { get; init; }
    public required ProviderRoute Provider { get; init; }
    public required string Method { get; init; }

    /// <summary>The upstream path below the provider prefix, e.g. <c>/v1/messages</c>.</summary>
    public required string Path { get; init; }

    public string? Model { get; set; }
    public bool Stream { get; set; }
    public long? MaxTokens { get; set; }
    public long RequestBytes { get; set; }

    /// <summary>The request body as read for inspection (bounded by Proxy:MaxRequestBytes).</summary>
    public ReadOnlyMemory<byte> RequestBody { get; set; }

    public LlmUsage Usage { get; } = new();
    public int? UpstreamStatus { get; set; }
    public string? ErrorType { get; set; }

    /// <summary>The upstream's retry-after, when it sent one (429/529 answers).</summary>
    public TimeSpan? UpstreamRetryAfter { get; set; }

    /// <summary>True once the call was forwarded; its attribution record is written after the gates settle.</summary>
    public bool Forwarded { get; set; }

    public required long StartTimestamp { get; init; }
    public DateTimeOffset StartedAt { get; init; }
    public TimeSpan? Duration { get; set; }

    /// <summary>Scratch space for gates to carry state from BeforeAsync to AfterAsync (e.g. a reservation).</summary>
    public Dictionary<string, object?> Items { get; } = new(StringComparer.Ordinal);
}
