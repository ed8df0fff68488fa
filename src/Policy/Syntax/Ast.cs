using AgentGate.Policy.Values;

namespace AgentGate.Policy.Syntax;

#pragma warning disable SA1649, SA1402 // The AST node records are kept together: each is a few lines.

/// <summary>A source position.</summary>
internal readonly record struct Loc(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}

internal abstract record Term(Loc Loc);

internal sealed record ScalarTerm(Loc Loc, Value Value) : Term(Loc);

internal sealed record VarTerm(Loc Loc, string Name) : Term(Loc)
{
    public bool IsWildcard => Name.StartsWith("$", StringComparison.Ordinal);
}

internal sealed record RefTerm(Loc Loc, Term Head, Term[] Path) : Term(Loc);

internal sealed record ArrayTerm(Loc Loc, Term[] Items) : Term(Loc);

internal sealed record SetTerm(Loc Loc, Term[] Items) : Term(Loc);

internal sealed record ObjectTerm(Loc Loc, (Term Key, Term Value)[] Items) : Term(Loc);

internal enum ComprehensionKind
{
    Array,
    Set,
    Object,
}

internal sealed record ComprehensionTerm(Loc Loc, ComprehensionKind Kind, Term? Key, Term Value, Expr[] Body) : Term(Loc)
{
    /// <summary>Variables shared with the enclosing body: they must be bound before the comprehension runs.</summary>
    public string[] OuterVars { get; set; } = [];
}

/// <summary>A call; <see cref="Name"/> is the dotted operator/function name as written (or resolved).</summary>
internal sealed record CallTerm(Loc Loc, string Name, Term[] Args) : Term(Loc);

/// <summary>A string template: parts are <see cref="string"/> literals or <see cref="Term"/>s.</summary>
internal sealed record TemplateTerm(Loc Loc, object[] Parts) : Term(Loc);

internal enum ExprKind
{
    Term,
    SomeDecl,
    SomeIn,
    Every,
}

internal sealed record WithModifier(Term Target, Term Value);

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

    /// <summary>Evaluator cache: the named variables of <see cref="Term"/> (computed once, read-only after).</summary>
    public string[]? VarNames { get; set; }

    /// <summary>For a negated expression, the inner expression.</summary>
    public Expr? Inner { get; set; }
}

internal enum RuleKind
{
    Complete,
    Contains,
    Function,
}

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
}

internal sealed record Import(Loc Loc, string Root, string[] Path, string Alias);

internal sealed class Module
{
    public required string File { get; init; }

    public string[] Package { get; set; } = [];

    public List<Import> Imports { get; } = [];

    public List<Rule> Rules { get; } = [];
}
