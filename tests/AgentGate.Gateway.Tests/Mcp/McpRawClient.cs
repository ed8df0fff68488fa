using System.Net.Http.Headers;
using System.Text;

namespace AgentGate.Gateway.Tests.Mcp;

/// <summary>Hand-written Streamable HTTP requests, for what an SDK client would never send.</summary>
internal static class McpRawClient
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient agent, string? token, string server, string body, string? session = null, string protocol = "2025-11-25")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp/" + server)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
        }

        request.Headers.Add("MCP-Protocol-Version", protocol);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await agent.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static string ToolCall(object id, string tool, string arguments = "{}") =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + System.Text.Json.JsonSerializer.Serialize(id) + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}";

    public const string Initialize =
        """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""";
}
