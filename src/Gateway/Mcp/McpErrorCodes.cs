namespace AgentGate.Gateway.Mcp;

/// <summary>
/// JSON-RPC error codes the gateway answers with in place of the upstream server. The standard ones keep
/// their JSON-RPC meaning; the gateway's own live in the implementation-defined server range (-32000 to
/// -32099), clear of the codes the MCP specification and SDKs use. Clients match on these, so they never change.
/// </summary>
internal static class McpErrorCodes
{
    public const int ParseError = -32700;
    public const int InvalidRequest = -32600;
    public const int InvalidParams = -32602;

    /// <summary>The policy denied the tool call (data.type = policy_denied).</summary>
    public const int PolicyDenied = -32051;

    /// <summary>The tool call waits for a human approval (data.type = approval_required, data.approval_id).</summary>
    public const int ApprovalRequired = -32052;

    /// <summary>The arguments carry a credential (data.type = credential_leak); nothing was forwarded.</summary>
    public const int CredentialLeak = -32053;

    /// <summary>The upstream server is unreachable, its process died, or it did not answer in time.</summary>
    public const int UpstreamUnavailable = -32054;
}
