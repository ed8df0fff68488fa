namespace AgentGate.Gateway.Mcp;

/// <summary>
/// One agent POST after the gate: the bytes to forward (the original body when nothing was refused), the
/// errors the gateway answers itself, and the filter every tools/list answer goes through.
/// </summary>
internal sealed record McpPost(
    ReadOnlyMemory<byte> Body,
    IReadOnlyList<JsonRpcMessage> Forwarded,
    IReadOnlyList<byte[]> Answers,
    bool IsBatch,
    McpToolsListFilter Filter,
    string AgentId)
{
    public bool ForwardsRequests => Forwarded.Any(m => m.IsRequest);
}
