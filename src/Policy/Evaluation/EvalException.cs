namespace AgentGate.Policy.Evaluation;

/// <summary>An evaluation error with OPA's topdown code (eval_conflict_error, eval_type_error, …).</summary>
internal sealed class EvalException : Exception
{
    public EvalException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    public EvalException()
        : this("eval_internal_error", "evaluation error")
    {
    }

    public EvalException(string message)
        : this("eval_internal_error", message)
    {
    }

    public EvalException(string message, Exception inner)
        : base(message, inner)
    {
        Code = "eval_internal_error";
    }

    public string Code { get; }

    /// <summary>OPA's text: <c>file:line: code: message</c>.</summary>
    public static EvalException At(string code, AgentGate.Policy.Syntax.Loc loc, string message) =>
        new(code, $"{loc.File}:{loc.Line}: {code}: {message}");
}
