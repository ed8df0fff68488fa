namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class SetAndTypeBuiltinsTests
{
    [Theory]
    [InlineData("and", "{3, 2, 1}", "{3, 4, 2}", "{2, 3}")]
    [InlineData("or", "{3, 2}", "{3, 4}", "{2, 3, 4}")]
    public void Binary_Sets_Computes(string name, string x, string y, string expected) =>
        Builtin.Yields(expected, name, x, y);

    [Theory]
    [InlineData("set()", "set()")]
    [InlineData("{set(), {1, 2}}", "{1, 2}")]
    [InlineData("{{1, 2, 3}, {2, 3, 4}, {4, 5, 6}}", "{1, 2, 3, 4, 5, 6}")]
    public void Union_SetOfSets_Unites(string sets, string expected) => Builtin.Yields(expected, "union", sets);

    [Theory]
    [InlineData("set()", "set()")]
    [InlineData("{{1, 2, 3}, {2, 3, 4}}", "{2, 3}")]
    public void Intersection_SetOfSets_Intersects(string sets, string expected) =>
        Builtin.Yields(expected, "intersection", sets);

    [Fact]
    public void Union_NonSetElement_TypeError() =>
        Builtin.TypeError("union: operand 1 must be set of sets but got set containing number", "union", "{1}");

    [Theory]
    [InlineData("null", "null")]
    [InlineData("true", "boolean")]
    [InlineData("100", "number")]
    [InlineData("\"Hello\"", "string")]
    [InlineData("[1, 2, 3]", "array")]
    [InlineData("{1, 2, 3}", "set")]
    [InlineData("{\"foo\": 1}", "object")]
    public void TypeName_EachKind_Names(string value, string expected) =>
        Builtin.Yields(Builtin.Quote(expected), "type_name", value);

    [Theory]
    [InlineData("is_number", "1", true)]
    [InlineData("is_number", "\"1\"", false)]
    [InlineData("is_set", "set()", true)]
    [InlineData("is_object", "{}", true)]
    [InlineData("is_null", "null", true)]
    [InlineData("is_array", "{}", false)]
    public void Is_Value_ReportsKind(string name, string value, bool expected) =>
        Builtin.Yields(expected ? "true" : "false", name, value);
}
