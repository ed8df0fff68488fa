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

}
