namespace AgentGate.Gateway.Approvals;

/// <summary>Why an approve/deny was refused, with the HTTP status and stable error type it maps to.</summary>
internal sealed record ApprovalDecisionError(int Status, string Type, string Message);
