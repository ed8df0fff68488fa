using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Mcp;

/// <summary>Reads an agent's POST body up to the configured bound; null when it is larger.</summary>
internal static class McpBodyReader
{
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpContext context, long max)
    {
        if (context.Request.ContentLength > max)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
