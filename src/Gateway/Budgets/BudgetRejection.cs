namespace AgentGate.Gateway.Budgets;

/// <summary>An expected refusal; the gateway answers 429 with <see cref="ToErrorBody"/> and a retry-after header.</summary>
/// <param name="Type"><see cref="BudgetErrorTypes"/>.</param>
/// <param name="Rule">The limit that refused, e.g. <c>agent:builder-17:tokens</c> or <c>pool:anthropic:rpm</c>.</param>
internal sealed record BudgetRejection(string Type, string Message, string Rule, TimeSpan? RetryAfter)
{
    public const int StatusCode = 429;

    /// <summary>Whole seconds for the retry-after header (rounded up), or null.</summary>
    public int? RetryAfterSeconds => RetryAfter is { } r ? (int)Math.Max(1, Math.Ceiling(r.TotalSeconds)) : null;

    public object ToErrorBody() => new { error = new { type = Type, message = Message, rule = Rule } };
}
