namespace AgentGate.Gateway.Errors;

/// <summary>Optional fields of a structured error: the policy's reasons, a pending approval, the bundle revision.</summary>
internal sealed record ErrorDetails(IReadOnlyList<string>? Reasons = null, string? ApprovalId = null, string? PolicyRevision = null);
