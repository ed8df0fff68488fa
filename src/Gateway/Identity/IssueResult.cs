namespace AgentGate.Gateway.Identity;

/// <summary>A token, or why none was issued.</summary>
internal readonly record struct IssueResult(IssuedToken? Token, string? Error)
{
    public static IssueResult Ok(IssuedToken token) => new(token, null);

    public static IssueResult Fail(string error) => new(null, error);
}
