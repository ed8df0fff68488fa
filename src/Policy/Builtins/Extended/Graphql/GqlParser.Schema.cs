using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>Type-system documents (SDL).</summary>
internal sealed partial class GqlParser
{
    private static readonly HashSet<string> Locations =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    public static (ObjectValue? Document, GqlParser Parser) ParseSchema(string source)
    {
        var p = new GqlParser(source);
        List<Value> definitions = [], extensions = [], directives = [], schema = [], schemaExtensions = [];
        while (p.Peek().Kind != GqlKind.Eof && p.Error is null)
        {
            var description = p.ParseDescription();
            var token = p.Peek();
            if (token.Kind != GqlKind.Name)
            {
                p.Unexpected();
                break;
            }

            switch (token.Value)
            {
                case "scalar" or "type" or "interface" or "union" or "enum" or "input":
                    definitions.Add(p.ParseTypeDefinition(description, false));
                    break;
                case "schema":
                    p.Next();
                    var schemaDirectives = p.ParseDirectives(true);
                    var ops = p.Some(GqlKind.BraceL, GqlKind.BraceR, p.ParseOperationTypeDefinition);
                    schema.Add(new GqlObj().Set("Description", description).List("Directives", schemaDirectives).List("OperationTypes", ops).Build());
                    break;
                case "directive":
                    directives.Add(p.ParseDirectiveDefinition(description));
                    break;
                case "extend":
                    if (description.Length > 0)
                    {
                        p.Unexpected(p._prev);
                    }

                    p.ParseExtension(extensions, schemaExtensions);
                    break;
                default:
                    p.Unexpected();
                    break;
            }
        }

        if (p.Error is not null)
        {
            return (null, p);
        }

        return (new GqlObj().List("Definitions", definitions).List("Directives", directives).List("Extensions", extensions)
            .List("Schema", schema).List("SchemaExtension", schemaExtensions).Build(), p);
    }

    private string ParseDescription() =>
        Peek().Kind is GqlKind.String or GqlKind.BlockString ? Next().Value : string.Empty;

    private void ParseExtension(List<Value> extensions, List<Value> schemaExtensions)
    {
        ExpectKeyword("extend");
        var token = Peek();
        if (token.Kind == GqlKind.Name && token.Value == "schema")
        {
            Next();
            var directives = ParseDirectives(true);
            var ops = Some(GqlKind.BraceL, GqlKind.BraceR, ParseOperationTypeDefinition);
            if (directives.Count == 0 && (ops is null || ops.Count == 0))
            {
                Unexpected();
            }

            schemaExtensions.Add(new GqlObj().Set("Description", string.Empty).List("Directives", directives).List("OperationTypes", ops).Build());
            return;
        }

        if (token.Kind == GqlKind.Name && token.Value is "scalar" or "type" or "interface" or "union" or "enum" or "input")
        {
            extensions.Add(ParseTypeDefinition(string.Empty, true));
            return;
        }

        Unexpected();
    }

    private Value? ParseOperationTypeDefinition()
    {
        var operation = ParseOperationType();
        Expect(GqlKind.Colon);
        return new GqlObj().Set("Operation", operation).Set("Type", ParseName()).Build();
    }

    private ObjectValue ParseDirectiveDefinition(string description)
    {
        ExpectKeyword("directive");
        Expect(GqlKind.At);
        var name = ParseName();
        var args = Some(GqlKind.ParenL, GqlKind.ParenR, () => ParseInputValue(false));
        var repeatable = false;
        if (Peek() is { Kind: GqlKind.Name, Value: "repeatable" })
        {
            repeatable = true;
            Next();
        }

        ExpectKeyword("on");
        Skip(GqlKind.Pipe);
        var locations = new List<string> { ParseLocation() };
        while (Skip(GqlKind.Pipe) && Error is null)
        {
            locations.Add(ParseLocation());
        }

        return new GqlObj().List("Arguments", args).Set("Description", description).Set("IsRepeatable", repeatable)
            .Names("Locations", locations).Set("Name", name).Build();
    }

    private string ParseLocation()
    {
        var token = Expect(GqlKind.Name);
        if (Error is null && !Locations.Contains(token.Value))
        {
            Unexpected(token);
        }

        return token.Value;
    }
}
