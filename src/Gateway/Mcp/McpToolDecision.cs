using AgentGate.Gateway.Enforcement;

namespace AgentGate.Gateway.Mcp;

/// <summary>The gate's answer for one tools/call: forward it (<see cref="Error"/> is null) or answer with the error.</summary>
internal sealed record McpToolDecision(string? Tool, EnforcementOutcome? Outcome, JsonRpcError? Error)
{
    public bool Allowed => Error is null;
}
