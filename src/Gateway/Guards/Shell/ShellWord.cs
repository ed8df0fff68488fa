using System.Text;

namespace AgentGate.Gateway.Guards.Shell;

/// <summary>A word after quote removal, with what the lexer learned about how it would expand.</summary>
internal sealed class ShellWord
{
    public StringBuilder Builder { get; } = new();

    public string Text { get; set; } = "";

    public bool Quoted { get; set; }

    public bool Dynamic { get; set; }

    public bool BraceExpansion { get; set; }

    public bool Glob { get; set; }

    /// <summary>Leading characters of <see cref="Text"/> that came from unquoted, unexpanded source.</summary>
    public int LiteralPrefix { get; set; }

    public bool IsStatic => !Dynamic && !BraceExpansion && !Glob;

    public bool IsKeyword(string keyword) => !Quoted && !Dynamic && Text == keyword;

    public override string ToString() => Text;
}
