using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>Executable documents (queries, mutations, subscriptions, fragments).</summary>
internal sealed partial class GqlParser
{
    public static (ObjectValue? Document, GqlParser Parser) ParseQuery(string source)
    {
        var p = new GqlParser(source);
        var operations = new List<Value>();
        var fragments = new List<Value>();
        while (Peek(p).Kind != GqlKind.Eof && p.Error is null)
        {
            var token = p.Peek();
            if (token.Kind == GqlKind.BraceL || (token.Kind == GqlKind.Name && token.Value is "query" or "mutation" or "subscription"))
            {
                operations.Add(p.ParseOperationDefinition());
            }
            else if (token.Kind == GqlKind.Name && token.Value == "fragment")
            {
                fragments.Add(p.ParseFragmentDefinition());
            }
            else
            {
                p.Unexpected();
            }
        }

        if (p.Error is not null)
        {
            return (null, p);
        }

        return (new GqlObj().List("Fragments", fragments).List("Operations", operations).Build(), p);
    }

    private static GqlToken Peek(GqlParser p) => p.Peek();

    private ObjectValue ParseOperationDefinition()
    {
        var start = Peek();
        var op = new GqlObj();
        if (start.Kind == GqlKind.BraceL)
        {
            return Track(op.Set("Name", string.Empty).Set("Operation", "query").List("SelectionSet", ParseRequiredSelectionSet()).Build(), start);
        }

        var operation = ParseOperationType();
        var name = Peek().Kind == GqlKind.Name ? Next().Value : string.Empty;
        var variables = ParseVariableDefinitions();
        var directives = ParseDirectives(false);
        var selections = ParseRequiredSelectionSet();
        return Track(op.List("Directives", directives).Set("Name", name).Set("Operation", operation)
            .List("SelectionSet", selections).List("VariableDefinitions", variables).Build(), start);
    }

    private string ParseOperationType()
    {
        var token = Next();
        if (token.Value is "query" or "mutation" or "subscription")
        {
            return token.Value;
        }

        Unexpected(token);
        return string.Empty;
    }

    private List<Value>? ParseVariableDefinitions() => Many(GqlKind.ParenL, GqlKind.ParenR, () =>
    {
        var start = Peek();
        Expect(GqlKind.Dollar);
        var variable = ParseName();
        Expect(GqlKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = Skip(GqlKind.Equals) ? ParseValueLiteral(true) : null;
        var directives = ParseDirectives(false);
        return Track(new GqlObj().Opt("DefaultValue", defaultValue).List("Directives", directives).Set("Type", type)
            .Set("Used", false).Set("Variable", variable).Build(), start);
    });

    private List<Value>? ParseRequiredSelectionSet()
    {
        if (Peek().Kind != GqlKind.BraceL)
        {
            Fail(Peek(), $"Expected {{, found {GqlToken.KindName(Peek().Kind)}");
            return null;
        }

        return Some(GqlKind.BraceL, GqlKind.BraceR, ParseSelection);
    }

    private Value? ParseSelection() => Peek().Kind == GqlKind.Spread ? ParseFragment() : ParseField();

    private Value ParseField()
    {
        var start = Peek();
        var alias = ParseName();
        var name = Skip(GqlKind.Colon) ? ParseName() : alias;
        var args = ParseArguments(false);
        var directives = ParseDirectives(false);
        var selections = Peek().Kind == GqlKind.BraceL ? Some(GqlKind.BraceL, GqlKind.BraceR, ParseSelection) : null;
        return Track(new GqlObj().Set("Alias", alias).List("Arguments", args).List("Directives", directives)
            .Set("Name", name).List("SelectionSet", selections).Build(), start);
    }

    private Value ParseFragment()
    {
        Expect(GqlKind.Spread);
        var start = Peek();
        if (start.Kind == GqlKind.Name && start.Value != "on")
        {
            var name = ParseFragmentName();
            return Track(new GqlObj().List("Directives", ParseDirectives(false)).Set("Name", name).Build(), start);
        }

        var typeCondition = string.Empty;
        if (Peek().Value == "on")
        {
            Next();
            typeCondition = ParseName();
        }

        var directives = ParseDirectives(false);
        var selections = ParseRequiredSelectionSet();
        return Track(new GqlObj().List("Directives", directives).List("SelectionSet", selections)
            .Set("TypeCondition", typeCondition).Build(), start);
    }

    private ObjectValue ParseFragmentDefinition()
    {
        var start = Peek();
        ExpectKeyword("fragment");
        var name = ParseFragmentName();
        var variables = ParseVariableDefinitions();
        ExpectKeyword("on");
        var typeCondition = ParseName();
        var directives = ParseDirectives(false);
        var selections = ParseRequiredSelectionSet();
        return Track(new GqlObj().List("Directives", directives).Set("Name", name).List("SelectionSet", selections)
            .Set("TypeCondition", typeCondition).List("VariableDefinition", variables).Build(), start);
    }

    private string ParseFragmentName()
    {
        if (Peek().Value == "on")
        {
            Unexpected();
            return string.Empty;
        }

        return ParseName();
    }

    private ObjectValue Track(ObjectValue node, GqlToken at)
    {
        Positions[node] = (at.Line, at.Column);
        return node;
    }
}
