using System.Text.Json;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Estimates the output tokens of one server-sent event from the text it streams (Anthropic
/// <c>text</c>/<c>thinking</c>/<c>partial_json</c> deltas, OpenAI <c>content</c>/<c>arguments</c>/<c>refusal</c>
/// deltas), about four characters per token like <see cref="TokenEstimator"/>. Events without a delta cost
/// nothing to scan beyond a substring search.
/// </summary>
internal static class SseOutputCounter
{
    private const int CharsPerToken = 4;

    public static long Estimate(ReadOnlySpan<byte> sseEvent)
    {
        long chars = 0;
        while (!sseEvent.IsEmpty)
        {
            var newline = sseEvent.IndexOf((byte)'\n');
            var line = newline < 0 ? sseEvent : sseEvent[..newline];
            sseEvent = newline < 0 ? default : sseEvent[(newline + 1)..];
            if (line.StartsWith("data:"u8) && line.IndexOf("\"delta\""u8) >= 0)
            {
                chars += DeltaChars(line[5..]);
            }
        }

        return (chars + CharsPerToken - 1) / CharsPerToken;
    }

    private static long DeltaChars(ReadOnlySpan<byte> json)
    {
        long chars = 0;
        var reader = new Utf8JsonReader(json);
        var counted = false;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    counted = reader.ValueTextEquals("text"u8) || reader.ValueTextEquals("thinking"u8) || reader.ValueTextEquals("partial_json"u8)
                        || reader.ValueTextEquals("content"u8) || reader.ValueTextEquals("arguments"u8) || reader.ValueTextEquals("refusal"u8);
                }
                else if (reader.TokenType == JsonTokenType.String && counted)
                {
                    chars += reader.ValueSpan.Length;
                    counted = false;
                }
                else
                {
                    counted = false;
                }
            }
        }
        catch (JsonException)
        {
            // A malformed event still streamed something: count its bytes.
            return json.Length;
        }

        return chars;
    }
}
