namespace AgentGate.Gateway.Guards.Paths;

/// <summary>The outcome of normalising a path against a workspace root: either a workspace-relative path or a refusal.</summary>
internal sealed record PathCheck(bool Allowed, string? RelativePath, string? Refusal)
{
    public static PathCheck Ok(string relative) => new(true, relative, null);

    public static PathCheck Deny(string reason) => new(false, null, reason);
}
