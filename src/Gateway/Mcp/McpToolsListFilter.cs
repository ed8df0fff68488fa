using System.Text.Json;
using System.Text.Json.Nodes;
using AgentGate.Gateway.Enforcement;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// Filters every JSON-RPC response that carries <c>result.tools</c> (a <c>tools/list</c> answer, also when a
/// stream is replayed) down to the tools the policy would let this agent call. Recognised by shape rather than
/// by request id, so no path through the proxy (JSON, SSE, a resumed stream) can show a hidden tool.
/// </summary>
internal sealed class McpToolsListFilter(McpToolGate gate, CallIdentity who, string server, CancellationToken cancellationToken)
{
    private static readonly byte[] ToolsKey = "\"tools\""u8.ToArray();
    private readonly Dictionary<string, bool> _decided = new(StringComparer.Ordinal);

    /// <summary>The rewritten message (or batch), or null when nothing in it needed filtering.</summary>
    public byte[]? Rewrite(ReadOnlySpan<byte> json)
    {
        if (json.IndexOf(ToolsKey) < 0)
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        var changed = false;
        if (root is JsonArray batch)
        {
            foreach (var item in batch)
            {
                changed |= FilterMessage(item as JsonObject);
            }
        }
        else
        {
            changed = FilterMessage(root as JsonObject);
        }

        return changed ? JsonSerializer.SerializeToUtf8Bytes(root) : null;
    }

    private bool FilterMessage(JsonObject? message)
    {
        if (message?["result"] is not JsonObject result || result["tools"] is not JsonArray tools)
        {
            return false;
        }

        for (var i = tools.Count - 1; i >= 0; i--)
        {
            var name = tools[i] is JsonObject tool && tool["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (name is null || !MayList(name))
            {
                tools.RemoveAt(i);
            }
        }

        return true;
    }

    private bool MayList(string tool)
    {
        if (!_decided.TryGetValue(tool, out var allowed))
        {
            allowed = gate.MayList(who, server, tool, cancellationToken);
            _decided[tool] = allowed;
        }

        return allowed;
    }
}
