using System.Text;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// Relays an upstream SSE stream event by event (flushing each one, so the agent sees it at once),
/// passing every <c>data</c> payload through the tools/list filter. An event larger than the bound ends
/// the stream rather than being buffered without limit.
/// </summary>
internal static class McpSseRelay
{
    /// <summary>Returns false when the stream was cut because an event exceeded <paramref name="maxEventBytes"/>.</summary>
    public static async Task<bool> RelayAsync(Stream upstream, HttpContext context, McpToolsListFilter filter, long maxEventBytes, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(upstream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 16 * 1024);
        var fields = new List<string>();
        var data = new StringBuilder();
        var hasData = false;
        long size = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            size += line.Length + 1;
            if (size > maxEventBytes)
            {
                return false;
            }

            if (line.Length > 0)
            {
                if (line.StartsWith("data:", StringComparison.Ordinal))
                {
                    var value = line.AsSpan(5);
                    data.Append(hasData ? "\n" : string.Empty).Append(value.Length > 0 && value[0] == ' ' ? value[1..] : value);
                    hasData = true;
                }
                else
                {
                    fields.Add(line);
                }

                continue;
            }

            await WriteEventAsync(context, fields, hasData ? data.ToString() : null, filter, cancellationToken);
            fields.Clear();
            data.Clear();
            hasData = false;
            size = 0;
        }

        if (fields.Count > 0 || hasData)
        {
            await WriteEventAsync(context, fields, hasData ? data.ToString() : null, filter, cancellationToken);
        }

        return true;
    }

    private static async Task WriteEventAsync(HttpContext context, List<string> fields, string? data, McpToolsListFilter filter, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            text.Append(field).Append('\n');
        }

        if (data is not null)
        {
            var rewritten = filter.Rewrite(Encoding.UTF8.GetBytes(data));
            var payload = rewritten is null ? data : Encoding.UTF8.GetString(rewritten);
            foreach (var part in payload.Split('\n'))
            {
                text.Append("data: ").Append(part).Append('\n');
            }
        }

        text.Append('\n');
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text.ToString()), cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
