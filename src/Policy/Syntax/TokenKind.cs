namespace AgentGate.Policy.Syntax;

internal enum TokenKind
{
    Eof,
    Ident,
    Number,
    String,
    Template,
    Punct,
}
