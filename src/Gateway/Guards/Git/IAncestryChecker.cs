namespace AgentGate.Gateway.Guards.Git;

/// <summary>Answers whether a ref update is a fast-forward; plugs in the repository access.</summary>
internal interface IAncestryChecker
{
    /// <summary>True when <paramref name="ancestor"/> is an ancestor of <paramref name="descendant"/>; false when not or unknown.</summary>
    ValueTask<bool> IsAncestorAsync(string repositoryPath, string ancestor, string descendant, CancellationToken cancellationToken);
}
