namespace AgentGate.Gateway.Config;

internal sealed record AuditConfig(string Path);
