namespace AgentGate.Gateway.Guards.Shell;

/// <summary>
/// Recursive-descent parser for POSIX/bash command text. It reports each simple command to the
/// <see cref="CommandResolver"/>, which unwraps wrappers and adds the result to the shared context.
/// </summary>
internal sealed partial class ShellParser(string text, ShellContext ctx, IReadOnlyList<string> wrappers)
{
    private static readonly HashSet<string> ListTerminators = ["}", "then", "else", "elif", "fi", "do", "done", "esac"];

    private readonly string _s = text;
    private readonly ShellContext _ctx = ctx;
    private readonly IReadOnlyList<string> _wrappers = wrappers;
    private readonly Dictionary<int, string> _hereDocBodies = [];
    private const string HereDocKeyPrefix = "\0heredoc:";
    private int _pos;
    private int _hereDocCounter;

    public void ParseScript()
    {
        ParseList();
        var t = Peek();
        if (t.Kind != ShellTokenKind.End)
        {
            throw new ShellRefusalException($"syntax error near '{Describe(t)}'");
        }
    }

    private static string Describe(ShellToken t) => t.Kind switch
    {
        ShellTokenKind.Word => t.Word!.Text,
        ShellTokenKind.Newline => "newline",
        ShellTokenKind.End => "end of input",
        _ => t.Text,
    };

    private bool AtListEnd(ShellToken t) =>
        t.Kind == ShellTokenKind.End
        || t.IsOp(")") || t.IsOp(";;") || t.IsOp(";&") || t.IsOp(";;&")
        || (t.Kind == ShellTokenKind.Word && !t.Word!.Quoted && !t.Word.Dynamic && ListTerminators.Contains(t.Word.Text));

    private void ParseList()
    {
        _ctx.Enter();
        while (true)
        {
            SkipNewlines();
            if (AtListEnd(Peek()))
            {
                break;
            }

            ParseAndOr();
            var t = Peek();
            if (t.IsOp(";") || t.IsOp("&"))
            {
                Next();
                continue;
            }

            if (t.Kind != ShellTokenKind.Newline)
            {
                break;
            }
        }

        _ctx.Leave();
    }

    private void SkipNewlines()
    {
        while (Peek().Kind == ShellTokenKind.Newline)
        {
            Next();
        }
    }

    private void ParseAndOr()
    {
        ParsePipeline();
        while (Peek().IsOp("&&") || Peek().IsOp("||"))
        {
            Next();
            SkipNewlines();
            ParsePipeline();
        }
    }

    private void ParsePipeline()
    {
        if (Peek().IsKeyword("!"))
        {
            Next();
        }

        if (Peek().IsKeyword("time"))
        {
            Next();
            if (Peek().IsKeyword("-p"))
            {
                Next();
            }
        }

        ParseCommand();
        while (Peek().IsOp("|") || Peek().IsOp("|&"))
        {
            Next();
            SkipNewlines();
            ParseCommand();
        }
    }

    private void Expect(string keyword)
    {
        var t = Next();
        if (!t.IsKeyword(keyword))
        {
            throw new ShellRefusalException($"syntax error: expected '{keyword}' but found '{Describe(t)}'");
        }
    }

    private void ExpectOp(string op)
    {
        var t = Next();
        if (!t.IsOp(op))
        {
            throw new ShellRefusalException($"syntax error: expected '{op}' but found '{Describe(t)}'");
        }
    }
}
