namespace AgentGate.Gateway.Guards.Shell;

/// <summary>Entry point: <c>ShellAnalyzer.Analyze(commandText)</c>.</summary>
internal static class ShellAnalyzer
{
    private static readonly ShellAnalyzerOptions Defaults = new();

    public static ShellAnalysis Analyze(string commandText, ShellAnalyzerOptions? options = null)
    {
        options ??= Defaults;
        var ctx = new ShellContext(options);
        if (commandText.Length > options.MaxLength)
        {
            return new ShellAnalysis([], $"command text is longer than {options.MaxLength} characters", []);
        }

        if (commandText.Contains('\0', StringComparison.Ordinal))
        {
            return new ShellAnalysis([], "command text contains a NUL character", []);
        }

        try
        {
            new ShellParser(commandText, ctx, []).ParseScript();
            if (ctx.UsesArithmetic && ctx.HasCodeInLiteral)
            {
                // bash evaluates array subscripts inside arithmetic on variable values: a='x[$(cmd)]'; (( a )) runs cmd.
                throw new ShellRefusalException("arithmetic evaluation together with a literal containing a command substitution");
            }
        }
        catch (ShellRefusalException ex)
        {
            return new ShellAnalysis([.. ctx.Commands], ex.Message, [.. ctx.Dangers]);
        }
        catch (InsufficientExecutionStackException)
        {
            return new ShellAnalysis([.. ctx.Commands], "command text is nested too deeply", [.. ctx.Dangers]);
        }

        return new ShellAnalysis([.. ctx.Commands], null, [.. ctx.Dangers]);
    }
}
