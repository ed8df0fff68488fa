using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>Type definitions and their members.</summary>
internal sealed partial class GqlParser
{
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
}
