namespace AgentGate.Gateway.Guards.Git;

/// <summary>One ref update of a push. <see cref="IsCreate"/>: old is the zero id; <see cref="IsDelete"/>: new is.</summary>
internal sealed record RefUpdate(string Ref, string Old, string New)
{
    public bool IsCreate => IsZero(Old);

    public bool IsDelete => IsZero(New);

    public static bool IsZero(string id) => id.Length > 0 && id.All(c => c == '0');
}
