namespace AgentGate.Gateway.GitProxy;

/// <summary>One object of a pushed pack as <c>git cat-file --batch-check</c> lists it.</summary>
internal readonly record struct PushObject(string Id, string Type, long Size)
{
    /// <summary>Trees first after commits and tags, so a blob's path is known when the blob is scanned.</summary>
    public int Rank => Type switch
    {
        "commit" => 0,
        "tag" => 1,
        "tree" => 2,
        _ => 3,
    };

    public string ShortId => Id.Length > 12 ? Id[..12] : Id;
}
