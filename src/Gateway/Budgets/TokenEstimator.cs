using System.Text.Json;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Estimates input tokens before a call from the request JSON (about four characters of text per token,
/// a flat amount per image) and reads max_tokens. Errs high; settlement corrects it with real usage.
/// </summary>
internal static class TokenEstimator
{
    private const int CharsPerToken = 4;
    private const int ImageTokens = 1600;
    private const int Overhead = 16;

    public static (long InputTokens, long MaxOutputTokens) Estimate(ReadOnlySpan<byte> requestJson)
    {
        long chars = 0;
        long images = 0;
        long maxTokens = 0;
        var reader = new Utf8JsonReader(requestJson, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var property = "";
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        property = reader.GetString() ?? "";
                        chars += property.Length;
                        break;
                    case JsonTokenType.String when property is "data" or "image_url" or "url":
                        images++;
                        break;
                    case JsonTokenType.String:
                        chars += reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                        break;
                    case JsonTokenType.Number when property is "max_tokens" or "max_output_tokens" or "max_completion_tokens":
                        maxTokens = reader.TryGetInt64(out var m) ? m : 0;
                        break;
                    default:
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: fall back to the body size.
            return (FromBytes(requestJson.Length), 0);
        }

        return (Overhead + ((chars + CharsPerToken - 1) / CharsPerToken) + (images * ImageTokens), maxTokens);
    }

    /// <summary>Estimate from the body size alone (streamed or unparsed bodies).</summary>
    public static long FromBytes(long bytes) => Overhead + ((bytes + CharsPerToken - 1) / CharsPerToken);
}
