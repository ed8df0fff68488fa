namespace AgentGate.Gateway.Guards.Git;

/// <summary>
/// A ref update with its computed <see cref="Force"/>. <see cref="Undecided"/> says why a fast-forward could not be
/// proven when the update is treated as a force push without proof of a rewrite.
/// </summary>
internal sealed record ClassifiedUpdate(RefUpdate Update, bool Force, string? Undecided = null)
{
    /// <summary>create, delete, fast-forward, force, or "force (undecided: …)" — for audit reasons and refusal messages.</summary>
    public string Describe() =>
        Update.IsDelete ? "delete"
        : Update.IsCreate ? "create"
        : !Force ? "fast-forward"
        : Undecided is null ? "force" : $"force (undecided: {Undecided})";

    public static string Summary(IReadOnlyList<ClassifiedUpdate> updates) =>
        string.Join(", ", updates.Select(u => u.Update.Ref + " " + u.Describe()));
}
