namespace AgentGate.Gateway.Guards.Git;

/// <summary>`git merge-base --is-ancestor` as a value: exit 0, exit 1, or an error (an object is missing).</summary>
internal enum AncestryAnswer
{
    Ancestor,
    NotAncestor,
    Unknown,
}
