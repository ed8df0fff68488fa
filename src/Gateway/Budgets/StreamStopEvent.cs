using System.Buffers;
using System.Text.Json;
using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// The final event of a stream stopped by a budget, in the provider's own streaming error format so
/// SDKs raise it as an API error: Anthropic <c>event: error</c> with <c>{"type":"error","error":{…}}</c>,
/// OpenAI a <c>data:</c> line with an <c>{"error":{…}}</c> object.
/// </summary>
internal static class StreamStopEvent
{
    public static byte[] Format(ProviderType provider, BudgetRejection rejection)
    {
        var json = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(json))
        {
            writer.WriteStartObject();
            if (provider == ProviderType.Anthropic)
            {
                writer.WriteString("type"u8, "error"u8);
            }

            writer.WriteStartObject("error"u8);
            writer.WriteString("type"u8, rejection.Type);
            writer.WriteString("message"u8, rejection.Message);
            writer.WriteString("rule"u8, rejection.Rule);
            if (provider == ProviderType.OpenAI)
            {
                writer.WriteString("code"u8, rejection.Type);
                writer.WriteNull("param"u8);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        var prefix = provider == ProviderType.Anthropic ? "event: error\ndata: "u8 : "data: "u8;
        var result = new byte[prefix.Length + json.WrittenCount + 2];
        prefix.CopyTo(result);
        json.WrittenSpan.CopyTo(result.AsSpan(prefix.Length));
        result[^2] = (byte)'\n';
        result[^1] = (byte)'\n';
        return result;
    }
}
