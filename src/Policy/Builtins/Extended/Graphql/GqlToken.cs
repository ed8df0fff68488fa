namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>Token kinds of the GraphQL lexer, named as gqlparser prints them.</summary>
internal enum GqlKind
{
    Invalid, Eof, Bang, Dollar, Amp, ParenL, ParenR, Spread, Colon, Equals, At, BracketL, BracketR,
    BraceL, BraceR, Pipe, Name, Int, Float, String, BlockString,
}

/// <summary>One token with its 1-based line and column.</summary>
internal readonly record struct GqlToken(GqlKind Kind, string Value, int Line, int Column, string? Error = null)
{
    public static string KindName(GqlKind kind) => kind switch
    {
        GqlKind.Invalid => "<Invalid>",
        GqlKind.Eof => "<EOF>",
        GqlKind.Bang => "!",
        GqlKind.Dollar => "$",
        GqlKind.Amp => "&",
        GqlKind.ParenL => "(",
        GqlKind.ParenR => ")",
        GqlKind.Spread => "...",
        GqlKind.Colon => ":",
        GqlKind.Equals => "=",
        GqlKind.At => "@",
        GqlKind.BracketL => "[",
        GqlKind.BracketR => "]",
        GqlKind.BraceL => "{",
        GqlKind.BraceR => "}",
        GqlKind.Pipe => "|",
        _ => kind.ToString(),
    };

    public override string ToString() =>
        Value.Length > 0 ? KindName(Kind) + " " + Quote(Value) : KindName(Kind);

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
