namespace AgentGate.Policy.Syntax;

internal sealed class Expr
{
    public required Loc Loc { get; init; }

    public ExprKind Kind { get; init; }

    public Term? Term { get; set; }

    public bool Negated { get; init; }

    public Term[] Vars { get; init; } = [];

    public Term? Key { get; set; }

    public Term? Value { get; set; }

    public Term? Domain { get; set; }

    public Expr[] Body { get; set; } = [];

    public WithModifier[] Withs { get; set; } = [];

    /// <summary>For a negated expression, the inner expression.</summary>
    public Expr? Inner { get; set; }
}
