using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>Values, directives, arguments and type references.</summary>
internal sealed partial class GqlParser
{
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
