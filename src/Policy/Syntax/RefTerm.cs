namespace AgentGate.Policy.Syntax;

internal sealed record RefTerm(Loc Loc, Term Head, Term[] Path) : Term(Loc)
{
    /// <summary>
    /// For a <c>data</c> reference with constant operands, what the compiler resolved it to
    /// (<see cref="Compilation.DataTarget"/>); null when it must be walked at evaluation time.
    /// </summary>
    public Compilation.DataTarget? Target { get; set; }
}
