using System.Text.Json;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// Pulls usage and model out of one JSON document from either wire format: Anthropic messages and
/// stream events (<c>message_start</c>, <c>message_delta</c>), OpenAI chat completions and chunks,
/// and OpenAI Responses events (<c>response.usage</c>). Fields present later replace earlier ones.
/// </summary>
internal static class UsageExtractor
{
    public static void Apply(ReadOnlySpan<byte> json, LlmUsage usage)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            ApplyObject(root, usage);
            if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                ApplyObject(message, usage);
            }

            if (root.TryGetProperty("response", out var response) && response.ValueKind == JsonValueKind.Object)
            {
                ApplyObject(response, usage);
            }
        }
        catch (JsonException)
        {
            // A malformed event is the client's problem to see; metering just skips it.
        }
    }

    private static void ApplyObject(JsonElement element, LlmUsage usage)
    {
        if (element.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String)
        {
            usage.ResponseModel = model.GetString();
        }

        if (!element.TryGetProperty("usage", out var u) || u.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        usage.InputTokens = Number(u, "input_tokens") ?? Number(u, "prompt_tokens") ?? usage.InputTokens;
        usage.OutputTokens = Number(u, "output_tokens") ?? Number(u, "completion_tokens") ?? usage.OutputTokens;
        usage.CacheReadInputTokens = Number(u, "cache_read_input_tokens") ?? usage.CacheReadInputTokens;
        usage.CacheCreationInputTokens = Number(u, "cache_creation_input_tokens") ?? usage.CacheCreationInputTokens;
    }

    private static long? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
