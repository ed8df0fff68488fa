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

    private ObjectValue ParseTypeDefinition(string description, bool extension)
    {
        var start = Peek();
        var keyword = Next().Value;
        var name = ParseName();
        List<string> interfaces = [];
        List<string> types = [];
        List<Value>? fields = null;
        List<Value>? enumValues = null;
        if (keyword is "type" or "interface")
        {
            interfaces = ParseNameList("implements", GqlKind.Amp);
        }

        var directives = ParseDirectives(true);
        string kind;
        switch (keyword)
        {
            case "scalar":
                kind = "SCALAR";
                break;
            case "union":
                kind = "UNION";
                types = ParseNameList("=", GqlKind.Pipe);
                break;
            case "enum":
                kind = "ENUM";
                enumValues = Some(GqlKind.BraceL, GqlKind.BraceR, () =>
                {
                    var d = ParseDescription();
                    var n = ParseName();
                    return new GqlObj().Set("Description", d).List("Directives", ParseDirectives(true)).Set("Name", n).Build();
                });
                break;
            case "input":
                kind = "INPUT_OBJECT";
                fields = Some(GqlKind.BraceL, GqlKind.BraceR, () => ParseInputValue(false));
                break;
            default:
                kind = keyword == "type" ? "OBJECT" : "INTERFACE";
                fields = Some(GqlKind.BraceL, GqlKind.BraceR, () => ParseInputValue(true));
                break;
        }

        if (extension && interfaces.Count == 0 && directives.Count == 0 && types.Count == 0
            && (fields is null || fields.Count == 0) && (enumValues is null || enumValues.Count == 0))
        {
            Unexpected();
        }

        return Track(new GqlObj().Set("BuiltIn", false).Set("Description", description).List("Directives", directives)
            .List("EnumValues", enumValues).List("Fields", fields).Names("Interfaces", interfaces).Set("Kind", kind)
            .Set("Name", name).Names("Types", types).Build(), start);
    }

    private List<string> ParseNameList(string introducer, GqlKind separator)
    {
        var names = new List<string>();
        var token = Peek();
        var present = introducer == "=" ? token.Kind == GqlKind.Equals : token.Kind == GqlKind.Name && token.Value == introducer;
        if (!present)
        {
            return names;
        }

        Next();
        Skip(separator);
        names.Add(ParseName());
        while (Skip(separator) && Error is null)
        {
            names.Add(ParseName());
        }

        return names;
    }

    /// <summary>A field definition (with arguments when <paramref name="field"/>) or an input value definition.</summary>
    private Value? ParseInputValue(bool field)
    {
        var start = Peek();
        var description = ParseDescription();
        var name = ParseName();
        var args = field ? Some(GqlKind.ParenL, GqlKind.ParenR, () => ParseInputValue(false)) : null;
        Expect(GqlKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = !field && Skip(GqlKind.Equals) ? ParseValueLiteral(true) : null;
        var directives = ParseDirectives(true);
        return Track(new GqlObj().List("Arguments", args).Opt("DefaultValue", defaultValue).Set("Description", description)
            .List("Directives", directives).Set("Name", name).Set("Type", type).Build(), start);
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
