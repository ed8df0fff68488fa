namespace AgentGate.Gateway.Guards.Shell;

internal enum ShellTokenKind
{
    Word,
    Operator,
    IoNumber,
    Newline,
    End,
}

internal readonly record struct ShellToken(ShellTokenKind Kind, string Text, ShellWord? Word, int Start)
{
    public bool IsOp(string op) => Kind == ShellTokenKind.Operator && Text == op;

    public bool IsKeyword(string keyword) => Kind == ShellTokenKind.Word && Word!.IsKeyword(keyword);
}
