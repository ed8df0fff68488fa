namespace AgentGate.Policy;

/// <summary>Either a compiled bundle or every compile error (never a partial bundle).</summary>
public sealed class PolicyCompileResult
{
    internal PolicyCompileResult(PolicyBundle? bundle, IReadOnlyList<PolicyError> errors)
    {
        Bundle = bundle;
        Errors = errors;
    }

    public PolicyBundle? Bundle { get; }

    public IReadOnlyList<PolicyError> Errors { get; }

    public bool Success => Bundle is not null;
}
