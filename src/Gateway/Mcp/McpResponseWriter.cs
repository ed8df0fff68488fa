using System.Text;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Mcp;

/// <summary>Writes JSON-RPC answers to the agent: one JSON message or a batch array, or SSE events.</summary>
internal static class McpResponseWriter
{
    public const string JsonContentType = "application/json";
    public const string SseContentType = "text/event-stream";

    public static async Task WriteJsonAsync(HttpContext context, IReadOnlyList<byte[]> messages, bool asBatch)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonContentType;
        await context.Response.Body.WriteAsync(Join(messages, asBatch), context.RequestAborted);
    }

    public static byte[] Join(IReadOnlyList<byte[]> messages, bool asBatch)
    {
        if (!asBatch && messages.Count == 1)
        {
            return messages[0];
        }

        using var buffer = new MemoryStream();
        buffer.WriteByte((byte)'[');
        for (var i = 0; i < messages.Count; i++)
        {
            if (i > 0)
            {
                buffer.WriteByte((byte)',');
            }

            buffer.Write(messages[i]);
        }

        buffer.WriteByte((byte)']');
        return buffer.ToArray();
    }

    /// <summary>Starts an SSE response (headers sent at once, so the agent sees the stream open).</summary>
    public static async Task StartSseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = SseContentType;
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.StartAsync(context.RequestAborted);
    }

    public static async Task WriteSseEventAsync(HttpContext context, ReadOnlyMemory<byte> data, string? eventId = null)
    {
        var head = eventId is null ? "event: message\ndata: " : $"id: {eventId}\nevent: message\ndata: ";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(head), context.RequestAborted);
        await context.Response.Body.WriteAsync(data, context.RequestAborted);
        await context.Response.Body.WriteAsync("\n\n"u8.ToArray(), context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
