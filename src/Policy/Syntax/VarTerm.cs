namespace AgentGate.Policy.Syntax;

internal sealed record VarTerm(Loc Loc, string Name) : Term(Loc)
{
    public bool IsWildcard => Name.StartsWith("$", StringComparison.Ordinal);
}
