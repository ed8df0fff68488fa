using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Errors;

/// <summary>Writes the structured error body <c>{"error":{"type","message","rule"?}}</c>.</summary>
internal static class ErrorResponse
{
    public static async Task WriteAsync(HttpContext context, int statusCode, string type, string message, string? rule = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Serialize(type, message, rule), context.RequestAborted);
    }

    public static byte[] Serialize(string type, string message, string? rule = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("type", type);
            writer.WriteString("message", message);
            if (rule is not null)
            {
                writer.WriteString("rule", rule);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
