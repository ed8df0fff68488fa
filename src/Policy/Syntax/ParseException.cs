namespace AgentGate.Policy.Syntax;

/// <summary>A syntax error with OPA's <c>rego_parse_error</c> code and a <c>file:line:column</c> location.</summary>
internal sealed class ParseException : Exception
{
    public ParseException(string file, int line, int column, string message)
        : base($"{file}:{line}:{column}: rego_parse_error: {message}")
    {
        File = file;
        Line = line;
        Column = column;
        Detail = message;
    }

    public ParseException()
    {
        File = string.Empty;
        Detail = string.Empty;
    }

    public ParseException(string message)
        : base(message)
    {
        File = string.Empty;
        Detail = message;
    }

    public ParseException(string message, Exception inner)
        : base(message, inner)
    {
        File = string.Empty;
        Detail = message;
    }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    public string Detail { get; }
}
