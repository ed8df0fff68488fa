namespace AgentGate.Gateway.Approvals;

internal sealed record ApprovalRequestBody(string? Approver, string? Comment);
