using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class JsonSchemaTests
{
    private static readonly Value IdSchema = J("""{"properties": {"id": {"type": "integer"}}, "required": ["id"]}""");

    [Fact]
    public void MatchSchema_ValidObject_TrueNoErrors() =>
        Assert.Equal(J("[true, []]"), Builtin("json.match_schema", J("""{"id": 5}"""), IdSchema));

    [Fact]
    public void MatchSchema_StringDocumentAndSchema_Parsed() =>
        Assert.Equal(J("[true, []]"), Builtin("json.match_schema", S("""{"id": 5}"""), S(ValueJson.Serialize(IdSchema))));

    [Fact]
    public void MatchSchema_WrongType_GojsonschemaError() =>
        Assert.Equal(
            J("""[false, [{"desc": "Invalid type. Expected: integer, given: string", "error": "id: Invalid type. Expected: integer, given: string", "field": "id", "type": "invalid_type"}]]"""),
            Builtin("json.match_schema", J("""{"id": "foo"}"""), IdSchema));

    [Fact]
    public void MatchSchema_MissingRequired_RootError()
    {
        var result = (ArrayValue)Builtin("json.match_schema", J("{}"), IdSchema)!;
        Assert.Equal(BooleanValue.False, result[0]);
        Assert.Equal(S("(root): id is required"), ((ObjectValue)((ArrayValue)result[1])[0]).Get(S("error")));
    }

    [Fact]
    public void MatchSchema_InvalidSchema_BuiltinError() =>
        Assert.StartsWith("json.match_schema: has a primitive type that is NOT VALID -- given: /unknown/",
            Error("json.match_schema", J("{}"), J("""{"type": "unknown"}""")).Message, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"type": "boolean"}""", true)]
    [InlineData("""{"type": "unknown_type"}""", false)]
    public void VerifySchema_Schemas_Result(string schema, bool valid)
    {
        var result = (ArrayValue)Builtin("json.verify_schema", S(schema))!;
        Assert.Equal(BooleanValue.From(valid), result[0]);
        if (!valid)
        {
            Assert.Equal(S("jsonschema: has a primitive type that is NOT VALID -- given: /unknown_type/ Expected valid values are:[array boolean integer number null object string]"), result[1]);
        }
    }
}
