namespace AgentGate.Gateway.Budgets;

/// <summary>Whether the proxy retries an upstream failure transparently, and after how long.</summary>
internal readonly record struct RetryDecision(bool Retry, TimeSpan Delay);
