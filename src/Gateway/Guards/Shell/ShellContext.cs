namespace AgentGate.Gateway.Guards.Shell;

/// <summary>State shared by the parser of a text and every nested parser (substitutions, sh -c, here-docs).</summary>
internal sealed class ShellContext(ShellAnalyzerOptions options)
{
    public ShellAnalyzerOptions Options { get; } = options;

    public List<ShellCommand> Commands { get; } = [];

    public List<string> Dangers { get; } = [];

    public int Nesting { get; set; }

    public int NestedShells { get; set; }

    /// <summary>Set when the text evaluates arithmetic, where bash expands array subscripts in variable values.</summary>
    public bool UsesArithmetic { get; set; }

    /// <summary>Set when a quoted literal contains "$(" or a backtick: code that a later evaluation could run.</summary>
    public bool HasCodeInLiteral { get; set; }

    public void Enter()
    {
        if (++Nesting > Options.MaxNesting)
        {
            throw new ShellRefusalException($"nesting deeper than {Options.MaxNesting} levels");
        }
    }

    public void Leave() => Nesting--;

    public void Add(ShellCommand command)
    {
        if (Commands.Count >= Options.MaxCommands)
        {
            throw new ShellRefusalException($"more than {Options.MaxCommands} commands");
        }

        Commands.Add(command);
        foreach (var d in command.Dangers)
        {
            if (!Dangers.Contains(d))
            {
                Dangers.Add(d);
            }
        }
    }

    public void AddDanger(string danger)
    {
        if (!Dangers.Contains(danger))
        {
            Dangers.Add(danger);
        }
    }
}
