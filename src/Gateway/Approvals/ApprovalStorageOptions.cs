namespace AgentGate.Gateway.Approvals;

/// <summary>Where approvals live in embedded mode; bound from <c>AgentGate:Approvals</c> (Redis mode ignores it).</summary>
internal sealed class ApprovalStorageOptions
{
    public const string SectionName = "AgentGate:Approvals";

    /// <summary>
    /// A JSONL file of approval snapshots, so a restart keeps pending, approved, denied and consumed approvals.
    /// Unset: <c>approvals.jsonl</c> beside the token file when <c>AgentGate:Tokens:Path</c> is set (the embedded
    /// defaults set it), memory only otherwise.
    /// </summary>
    public string? Path { get; set; }

    /// <summary>The file to use, or null for memory.</summary>
    public string? ResolvePath(string? tokenPath) =>
        Path ?? (tokenPath is null ? null : System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(tokenPath))!, "approvals.jsonl"));
}
