using System.Text.Json;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// One JSON-RPC message of an agent's POST body, as the proxy sees it: a request (method and id), a
/// notification (method, no id) or a response to a server-initiated request (id, no method).
/// </summary>
internal sealed record JsonRpcMessage(JsonElement Element, string? Method, string? RawId)
{
    public const string ToolsCall = "tools/call";
    public const string Initialize = "initialize";

    public bool IsRequest => Method is not null && RawId is not null;

    public bool IsToolCall => Method == ToolsCall;

    /// <summary>What the audit record names as its method: the JSON-RPC method, or "response".</summary>
    public string AuditMethod => Method ?? "response";

    public static JsonRpcMessage? From(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? method = null;
        if (element.TryGetProperty("method", out var m))
        {
            if (m.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            method = m.GetString();
        }

        string? id = null;
        if (element.TryGetProperty("id", out var i))
        {
            if (i.ValueKind is not (JsonValueKind.String or JsonValueKind.Number or JsonValueKind.Null))
            {
                return null;
            }

            id = i.GetRawText();
        }

        // A message with neither a method nor an id is not JSON-RPC.
        return method is null && id is null ? null : new JsonRpcMessage(element, method, id);
    }
}
