namespace AgentGate.Policy.Syntax;

/// <summary>A lexical token; <see cref="NewlineBefore"/> tells the parser where statements may end.</summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column, bool NewlineBefore, bool SpaceBefore, bool Raw = false)
{
    public bool Is(string punctOrKeyword) => (Kind == TokenKind.Punct || Kind == TokenKind.Ident) && Text == punctOrKeyword;
}
