using System.Text.Json;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// Pulls usage and model out of one JSON document from either wire format: Anthropic messages and
/// stream events (<c>message_start</c>, <c>message_delta</c>), OpenAI chat completions and chunks,
/// and OpenAI Responses events (<c>response.usage</c>). Fields present later replace earlier ones.
/// One forward pass over the bytes (no document is built: this runs for every answer and every event);
/// nothing is applied unless the whole document is valid JSON.
/// </summary>
internal static class UsageExtractor
{
    public static void Apply(ReadOnlySpan<byte> json, LlmUsage usage)
    {
        Level root = default, message = default, response = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("message"u8))
                {
                    ReadObject(ref reader, ref message);
                }
                else if (reader.ValueTextEquals("response"u8))
                {
                    ReadObject(ref reader, ref response);
                }
                else
                {
                    ReadField(ref reader, ref root);
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return;
            }
        }
        catch (JsonException)
        {
            // A malformed event is the client's problem to see; metering just skips it.
            return;
        }

        // The same order as the wire formats nest them: top level, then message (Anthropic), then response (OpenAI Responses).
        root.ApplyTo(usage);
        message.ApplyTo(usage);
        response.ApplyTo(usage);
    }

    /// <summary>A nested object's own <c>model</c> and <c>usage</c>; anything deeper is skipped.</summary>
    private static void ReadObject(ref Utf8JsonReader reader, ref Level level)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ReadField(ref reader, ref level);
        }
    }

    /// <summary>Reads one property whose name the reader is on: <c>model</c>, <c>usage</c>, or skipped.</summary>
    private static void ReadField(ref Utf8JsonReader reader, ref Level level)
    {
        if (reader.ValueTextEquals("model"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                level.Model = reader.GetString();
            }
            else
            {
                reader.Skip();
            }
        }
        else if (reader.ValueTextEquals("usage"u8))
        {
            reader.Read();
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                level.HasUsage = true;
                ReadUsage(ref reader, ref level);
            }
            else
            {
                reader.Skip();
            }
        }
        else
        {
            reader.Read();
            reader.Skip();
        }
    }

    private static void ReadUsage(ref Utf8JsonReader reader, ref Level level)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            ref var slot = ref Level.Slot(ref level, ref reader);
            reader.Read();
            if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n))
            {
                slot = n;
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>What one object level said; <see cref="ApplyTo"/> follows the same precedence as the wire formats.</summary>
    private struct Level
    {
        public string? Model;
        public bool HasUsage;
        public long? Input;
        public long? Prompt;
        public long? Output;
        public long? Completion;
        public long? CacheRead;
        public long? CacheCreation;
        public long? Ignored; // counters the gateway does not meter land here

        public static ref long? Slot(ref Level level, ref Utf8JsonReader reader) =>
            ref reader.ValueTextEquals("input_tokens"u8) ? ref level.Input
            : ref reader.ValueTextEquals("output_tokens"u8) ? ref level.Output
            : ref reader.ValueTextEquals("prompt_tokens"u8) ? ref level.Prompt
            : ref reader.ValueTextEquals("completion_tokens"u8) ? ref level.Completion
            : ref reader.ValueTextEquals("cache_read_input_tokens"u8) ? ref level.CacheRead
            : ref reader.ValueTextEquals("cache_creation_input_tokens"u8) ? ref level.CacheCreation
            : ref level.Ignored;

        public readonly void ApplyTo(LlmUsage usage)
        {
            if (Model is not null)
            {
                usage.ResponseModel = Model;
            }

            if (!HasUsage)
            {
                return;
            }

            usage.InputTokens = Input ?? Prompt ?? usage.InputTokens;
            usage.OutputTokens = Output ?? Completion ?? usage.OutputTokens;
            usage.CacheReadInputTokens = CacheRead ?? usage.CacheReadInputTokens;
            usage.CacheCreationInputTokens = CacheCreation ?? usage.CacheCreationInputTokens;
        }
    }
}
