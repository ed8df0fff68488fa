namespace AgentGate.Policy.Syntax;

internal sealed class Rule
{
    public required Loc Loc { get; init; }

    public required Module Module { get; init; }

    public bool IsDefault { get; init; }

    public RuleKind Kind { get; set; }

    /// <summary>The head reference: first the rule name, then keys (strings for dotted parts).</summary>
    public required Term[] Head { get; set; }

    public Term[]? Args { get; set; }

    public Term? Value { get; set; }

    public Term? Key { get; set; }

    public Expr[] Body { get; set; } = [];

    public Rule? Else { get; set; }

    public bool Assign { get; set; }

    /// <summary>METADATA blocks on this rule (scopes rule and document); null when none.</summary>
    public List<Annotation>? Annotations { get; set; }
}
