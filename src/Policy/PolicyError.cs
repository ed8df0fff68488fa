namespace AgentGate.Policy;

/// <summary>A compile or evaluation failure with OPA's error code (rego_parse_error, eval_conflict_error, …).</summary>
public sealed record PolicyError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}
