namespace AgentGate.Gateway.Proxy;

/// <summary>
/// A gate's verdict as a value: allow, or stop with an HTTP status, a stable error type, a message,
/// the rule that decided, and an optional Retry-After.
/// </summary>
internal readonly record struct GateResult(bool Allowed, int StatusCode, string? ErrorType, string? Message, string? Rule, TimeSpan? RetryAfter)
{
    /// <summary>Extra fields for the error body (policy reasons, approval id, revision).</summary>
    public AgentGate.Gateway.Errors.ErrorDetails? Details { get; init; }

    public static GateResult Allow { get; } = new(true, 200, null, null, null, null);

    public static GateResult Deny(int statusCode, string errorType, string message, string? rule = null, TimeSpan? retryAfter = null) =>
        new(false, statusCode, errorType, message, rule, retryAfter);
}
