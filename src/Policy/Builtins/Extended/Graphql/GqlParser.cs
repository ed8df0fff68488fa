using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>Recursive-descent GraphQL parser mirroring gqlparser's structure, errors and AST JSON.</summary>
internal sealed partial class GqlParser
{
    private readonly GqlLexer _lexer;
    private GqlToken _prev;
    private GqlToken _peek;
    private bool _peeked;

    private GqlParser(string source) => _lexer = new GqlLexer(source);

    /// <summary>The first error ("message" and 1-based position), or null.</summary>
    public GqlError? Error { get; private set; }

    /// <summary>Source positions of nodes (by reference), for validation messages.</summary>
    public Dictionary<Value, (int Line, int Column)> Positions { get; } = new(ReferenceEqualityComparer.Instance);

    private GqlToken Peek()
    {
        if (Error is not null)
        {
            return _prev;
        }

        if (!_peeked)
        {
            _peek = _lexer.Read();
            _peeked = true;
        }

        return _peek;
    }

    private GqlToken Next()
    {
        if (Error is not null)
        {
            return _prev;
        }

        var token = Peek();
        _peeked = false;
        _prev = token;
        if (token.Error is { } message)
        {
            Error = new GqlError(message, token.Line, token.Column);
        }

        return token;
    }

    private void Fail(GqlToken at, string message)
    {
        Error ??= new GqlError(message, at.Line, at.Column);
    }

    private void Unexpected() => Unexpected(Peek());

    private void Unexpected(GqlToken token) => Fail(token, "Unexpected " + token);

    private bool Skip(GqlKind kind)
    {
        if (Error is not null || Peek().Kind != kind)
        {
            return false;
        }

        Next();
        return true;
    }

    private GqlToken Expect(GqlKind kind)
    {
        var token = Peek();
        if (token.Kind == kind)
        {
            return Next();
        }

        Fail(token, $"Expected {GqlToken.KindName(kind)}, found {token}");
        return token;
    }

    private void ExpectKeyword(string value)
    {
        var token = Peek();
        if (token.Kind == GqlKind.Name && token.Value == value)
        {
            Next();
            return;
        }

        Fail(token, $"Expected \"{value}\", found {token}");
    }

    private string ParseName() => Expect(GqlKind.Name).Value;

    /// <summary>gqlparser's "some": at least one item between start and end, if start is present.</summary>
    private List<Value>? Some(GqlKind start, GqlKind end, Func<Value?> item)
    {
        if (!Skip(start))
        {
            return null;
        }

        var items = new List<Value>();
        var called = false;
        while (Peek().Kind != end && Error is null)
        {
            called = true;
            if (item() is { } v)
            {
                items.Add(v);
            }
        }

        if (!called)
        {
            Fail(Peek(), "expected at least one definition, found " + GqlToken.KindName(Peek().Kind));
            return items;
        }

        Next();
        return items;
    }

    /// <summary>gqlparser's "many": zero or more items between start and end, if start is present.</summary>
    private List<Value>? Many(GqlKind start, GqlKind end, Func<Value?> item)
    {
        if (!Skip(start))
        {
            return null;
        }

        var items = new List<Value>();
        while (Peek().Kind != end && Error is null)
        {
            if (item() is { } v)
            {
                items.Add(v);
            }
        }

        Next();
        return items;
    }

    private Value? ParseValueLiteral(bool isConst)
    {
        var token = Peek();
        int kind;
        switch (token.Kind)
        {
            case GqlKind.BracketL:
                var list = Many(GqlKind.BracketL, GqlKind.BracketR, () => new GqlObj().Set("Name", string.Empty).Opt("Value", ParseValueLiteral(isConst)).Build());
                return ValueNode(string.Empty, 8, list);
            case GqlKind.BraceL:
                var fields = Many(GqlKind.BraceL, GqlKind.BraceR, () =>
                {
                    var name = ParseName();
                    Expect(GqlKind.Colon);
                    return new GqlObj().Set("Name", name).Opt("Value", ParseValueLiteral(isConst)).Build();
                });
                return ValueNode(string.Empty, 9, fields);
            case GqlKind.Dollar:
                if (isConst)
                {
                    Unexpected();
                    return null;
                }

                Next();
                return ValueNode(ParseName(), 0, null);
            case GqlKind.Int: kind = 1; break;
            case GqlKind.Float: kind = 2; break;
            case GqlKind.String: kind = 3; break;
            case GqlKind.BlockString: kind = 4; break;
            case GqlKind.Name:
                kind = token.Value is "true" or "false" ? 5 : token.Value == "null" ? 6 : 7;
                break;
            default:
                Unexpected();
                return null;
        }

        Next();
        return ValueNode(token.Value, kind, null);
    }

    private static ObjectValue ValueNode(string raw, int kind, List<Value>? children) =>
        new GqlObj().List("Children", children).Set("ExpectedTypeHasDefault", false)
            .Set("Kind", NumberValue.From(kind)).Set("Raw", raw).Build();

    private List<Value> ParseDirectives(bool isConst)
    {
        var directives = new List<Value>();
        while (Peek().Kind == GqlKind.At && Error is null)
        {
            Expect(GqlKind.At);
            var name = ParseName();
            var args = ParseArguments(isConst);
            directives.Add(new GqlObj().List("Arguments", args).Set("Location", string.Empty).Set("Name", name).Build());
        }

        return directives;
    }

    private List<Value>? ParseArguments(bool isConst) => Many(GqlKind.ParenL, GqlKind.ParenR, () =>
    {
        var name = ParseName();
        Expect(GqlKind.Colon);
        return new GqlObj().Set("Name", name).Opt("Value", ParseValueLiteral(isConst)).Build();
    });

    private ObjectValue ParseTypeReference()
    {
        var type = new GqlObj();
        if (Skip(GqlKind.BracketL))
        {
            type.Set("Elem", ParseTypeReference());
            Expect(GqlKind.BracketR);
            type.Set("NamedType", string.Empty);
        }
        else
        {
            type.Set("NamedType", ParseName());
        }

        return type.Set("NonNull", Skip(GqlKind.Bang)).Build();
    }
}
