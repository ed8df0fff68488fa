namespace AgentGate.Policy.Syntax;

/// <summary>A source position.</summary>
internal readonly record struct Loc(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
