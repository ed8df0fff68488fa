using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Errors;

/// <summary>Writes the structured error body <c>{"error":{"type","message","rule"?}}</c>.</summary>
internal static class ErrorResponse
{
    /// <summary>Messages quote what the caller sent (an id, a name); a megabyte of it must not come back in the error.</summary>
    public const int MaxMessageChars = 1024;

    public static async Task WriteAsync(HttpContext context, int statusCode, string type, string message, string? rule = null, ErrorDetails? details = null)
    {
        if (context.Response.HasStarted)
        {
            return;
        }

        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Serialize(type, message, rule, details), context.RequestAborted);
    }

    /// <summary>The structured error as a minimal-API result, for endpoints that return <see cref="IResult"/>.</summary>
    public static IResult Result(int statusCode, string type, string message, string? rule = null) =>
        Results.Content(System.Text.Encoding.UTF8.GetString(Serialize(type, message, rule)), "application/json", System.Text.Encoding.UTF8, statusCode);

    /// <summary>Keeps the head and the tail (where messages say what is wrong) of an over-long message.</summary>
    public static string Clip(string message) => message.Length <= MaxMessageChars
        ? message
        : $"{message.AsSpan(0, MaxMessageChars / 2)} … ({message.Length - (MaxMessageChars * 3 / 4)} characters cut) … {message.AsSpan(message.Length - (MaxMessageChars / 4))}";

    public static byte[] Serialize(string type, string message, string? rule = null, ErrorDetails? details = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("type", type);
            writer.WriteString("message", Clip(message));
            if (rule is not null)
            {
                writer.WriteString("rule", rule);
            }

            if (details?.Reasons is { } reasons)
            {
                writer.WriteStartArray("reasons");
                foreach (var reason in reasons)
                {
                    writer.WriteStringValue(reason);
                }

                writer.WriteEndArray();
            }

            if (details?.ApprovalId is { } approvalId)
            {
                writer.WriteString("approval_id", approvalId);
            }

            if (details?.PolicyRevision is { } revision)
            {
                writer.WriteString("policy_revision", revision);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
