using System.Text.Json;

namespace AgentGate.Gateway.Proxy;

/// <summary>Reads the decision-relevant fields of a model request body: model, stream, max tokens.</summary>
internal static class RequestInspector
{
    public static void Inspect(ReadOnlySpan<byte> body, LlmCall call)
    {
        if (body.IsEmpty)
        {
            return;
        }

        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("model"u8))
                {
                    reader.Read();
                    call.Model = reader.TokenType == JsonTokenType.String ? reader.GetString() : call.Model;
                }
                else if (reader.ValueTextEquals("stream"u8))
                {
                    reader.Read();
                    call.Stream = reader.TokenType == JsonTokenType.True;
                }
                else if (reader.ValueTextEquals("max_tokens"u8) || reader.ValueTextEquals("max_completion_tokens"u8) || reader.ValueTextEquals("max_output_tokens"u8))
                {
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var max))
                    {
                        call.MaxTokens = max;
                    }
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (or truncated): the upstream will answer with its own error; nothing to inspect.
        }
    }
}
