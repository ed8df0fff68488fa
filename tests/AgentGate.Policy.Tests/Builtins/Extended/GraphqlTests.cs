using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class GraphqlTests
{
    private const string LocaleSchema = """
        extend type Query {
            myAction(myEnum: Locale!): SomeResult!
        }
        type SomeResult {
            id: String
        }
        enum Locale {
            EN
            DE
        }
        """;

    [Fact]
    public void ParseQuery_SimpleQuery_GqlparserAst() =>
        Assert.Equal(
            J("""{"Operations":[{"Name":"","Operation":"query","SelectionSet":[{"Alias":"hero","Name":"hero","SelectionSet":[{"Alias":"name","Name":"name"}]}]}]}"""),
            Builtin("graphql.parse_query", S("{hero {name}}")));

    [Fact]
    public void ParseQuery_ListArgument_ChildrenWithKinds() =>
        Assert.Equal(
            J("""{"Operations":[{"Name":"","Operation":"query","SelectionSet":[{"Alias":"f","Arguments":[{"Name":"id","Value":{"Children":[{"Name":"","Value":{"ExpectedTypeHasDefault":false,"Kind":1,"Raw":"1"}}],"ExpectedTypeHasDefault":false,"Kind":8,"Raw":""}}],"Name":"f"}]}]}"""),
            Builtin("graphql.parse_query", S("{ f(id: [1]) }")));

    [Theory]
    [InlineData("{", "Expected Name, found <EOF> in GraphQL string at location 1:2")]
    [InlineData("{ field: {} }", "Expected Name, found { in GraphQL string at location 1:10")]
    [InlineData("notanoperation Foo { field }", "Unexpected Name \"notanoperation\" in GraphQL string at location 1:1")]
    [InlineData("query Foo($x: Int = $y) { f }", "Unexpected $ in GraphQL string at location 1:21")]
    public void ParseQuery_Malformed_GqlparserErrorText(string query, string message) =>
        Assert.Equal("graphql.parse_query: " + message, Error("graphql.parse_query", S(query)).Message);

    [Fact]
    public void ParseSchema_UnionWithLeadingPipe_Types() =>
        Assert.Equal(
            J("""{"Definitions":[{"BuiltIn":false,"Description":"","Kind":"UNION","Name":"Hello","Types":["Wo","Rld"]}]}"""),
            Builtin("graphql.parse_schema", S("union Hello = | Wo | Rld")));

    [Fact]
    public void ParseSchema_EmptyFields_AtLeastOneDefinitionError() =>
        Assert.Contains("expected at least one definition, found } in GraphQL string at location 1:13",
            Error("graphql.parse_schema", S("type Hello {}")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("type Hello { world: String }", true)]
    [InlineData("extend type Hello implements Greeting", false)]
    [InlineData("union Hello = World", false)]
    [InlineData("schema { query: Query }", false)]
    [InlineData("interface IA { id: ID! } interface IIA implements IA { id: ID! } type A implements IIA { id: ID! }", false)]
    [InlineData("type Query { x: Int } directive @d(a: String = \"b\") on SCHEMA extend schema @d", true)]
    [InlineData("type P { f: [P!]! } input PI { f: [P] }", false)]
    public void SchemaIsValid_Documents_MatchGqlparser(string schema, bool expected) =>
        Assert.Equal(BooleanValue.From(expected), Builtin("graphql.schema_is_valid", S(schema)));

    [Fact]
    public void IsValid_MissingRequiredArgument_False() =>
        Assert.Equal(BooleanValue.False, Builtin("graphql.is_valid", S("query Q { myAction { id } }"), S(LocaleSchema)));

    [Fact]
    public void IsValid_VariableWithDefault_True() =>
        Assert.Equal(BooleanValue.True, Builtin("graphql.is_valid", S("query Q($l: Locale! = DE) { myAction(myEnum: $l) { id } }"), S(LocaleSchema)));

    [Fact]
    public void Parse_MissingRequiredArgument_ErrorWithLocation() =>
        Assert.Equal(
            "graphql.parse: Field \"myAction\" argument \"myEnum\" of type \"Locale!\" is required, but it was not provided in GraphQL string at location 2:3",
            Error("graphql.parse", S("query Q {\n  myAction { id }\n}"), S(LocaleSchema)).Message);

    [Fact]
    public void ParseAndVerify_AstObjects_Verified()
    {
        var schema = Builtin("graphql.parse_schema", S("type Query { e(id: String): E } type E { salary: Int! }"))!;
        var query = Builtin("graphql.parse_query", S("{ e(id: \"a\") { salary } }"))!;
        var result = (ArrayValue)Builtin("graphql.parse_and_verify", query, schema)!;
        Assert.Equal(BooleanValue.True, result[0]);
        Assert.Equal(query, result[1]);
    }

    [Fact]
    public void IsValid_UnknownArgument_False() =>
        Assert.Equal(BooleanValue.False, Builtin("graphql.is_valid", S("mutation{x(a:b)}"), S("type Query { bar: String! } type Mutation { x: String! }")));
}
