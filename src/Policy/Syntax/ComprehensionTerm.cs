namespace AgentGate.Policy.Syntax;

internal sealed record ComprehensionTerm(Loc Loc, ComprehensionKind Kind, Term? Key, Term Value, Expr[] Body) : Term(Loc)
{
    /// <summary>Variables shared with the enclosing body: they must be bound before the comprehension runs.</summary>
    public string[] OuterVars { get; set; } = [];
}
