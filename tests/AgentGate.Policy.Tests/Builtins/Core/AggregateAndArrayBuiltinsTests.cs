namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class AggregateAndArrayBuiltinsTests
{
    [Theory]
    [InlineData("[1, 2, 3, 4]", "4")]
    [InlineData("{\"v1\": 1, \"v2\": 2}", "2")]
    [InlineData("{1, 2}", "2")]
    [InlineData("\"abcde\"", "5")]
    [InlineData("\"åäö\"", "3")]
    [InlineData("\"😀x\"", "2")]
    public void Count_Collection_Counts(string value, string expected) => Builtin.Yields(expected, "count", value);

    [Theory]
    [InlineData("null", "null")]
    [InlineData("5", "number")]
    public void Count_Scalar_TypeError(string value, string type) =>
        Builtin.TypeError($"count: operand 1 must be one of {{array, object, set, string}} but got {type}", "count", value);

    [Theory]
    [InlineData("sum", "[1, 2, 3, 4]", "10")]
    [InlineData("sum", "{1, 2, 3, 4}", "10")]
    [InlineData("sum", "[49649733057, 1]", "49649733058")]
    [InlineData("sum", "[0.1, 0.2]", "0.3")]
    [InlineData("sum", "[]", "0")]
    [InlineData("product", "[1, 2, 3, 4]", "24")]
    [InlineData("product", "{1, 2, 3, 4}", "24")]
    [InlineData("max", "[1, 2, 3, 4]", "4")]
    [InlineData("max", "[1, \"a\", null]", "\"a\"")]
    [InlineData("min", "[3, 2, 1, 4, 6, -7, 10]", "-7")]
    [InlineData("min", "{1, 2, 3, 4}", "1")]
    [InlineData("sort", "[4, 3, 2, 1]", "[1, 2, 3, 4]")]
    [InlineData("sort", "{1, 2, 3, 4}", "[1, 2, 3, 4]")]
    [InlineData("all", "[true, true]", "true")]
    [InlineData("all", "[true, 1]", "false")]
    [InlineData("any", "{false, true}", "true")]
    [InlineData("any", "[]", "false")]
    public void Aggregate_Collection_Computes(string name, string value, string expected) =>
        Builtin.Yields(expected, name, value);

    [Theory]
    [InlineData("max")]
    [InlineData("min")]
    public void Extreme_Empty_Undefined(string name) => Builtin.Undefined(name, "[]");

    [Fact]
    public void Sum_NonNumberElement_TypeError() =>
        Builtin.TypeError("sum: operand 1 must be array of numbers but got array containing string", "sum", "[1, \"a\"]");

    [Fact]
    public void Sum_Object_TypeError() =>
        Builtin.TypeError("sum: operand 1 must be one of {set, array} but got object", "sum", "{}");

    [Theory]
    [InlineData("[[1, 2], [3, 4], [5]]", "[1, 2, 3, 4, 5]")]
    [InlineData("[[[1], [2, 3, []]], [[4, 5]]]", "[[1], [2, 3, []], [4, 5]]")]
    [InlineData("[[1, 2], \"string\", [3, {\"a\": \"b\"}], 4.5, [6, [7, 8]]]", "[1, 2, \"string\", 3, {\"a\": \"b\"}, 4.5, 6, [7, 8]]")]
    public void Flatten_Nested_OneLevel(string value, string expected) => Builtin.Yields(expected, "array.flatten", value);

    [Fact]
    public void Flatten_Number_TypeError() =>
        Builtin.TypeError("array.flatten: operand 1 must be array but got number", "array.flatten", "42");

    [Theory]
    [InlineData("[1, 2, 3, 4, 5]", "1", "3", "[2, 3]")]
    [InlineData("[1, 2, 3]", "0", "0", "[]")]
    [InlineData("[1, 2, 3, 4, 5]", "-4", "-1", "[]")]
    [InlineData("[1, 2, 3, 4, 5]", "4", "1", "[]")]
    [InlineData("[1, 2, 3, 4, 5]", "-1", "2", "[1, 2]")]
    [InlineData("[1, 2, 3, 4, 5]", "3", "6", "[4, 5]")]
    [InlineData("[1, 2, 3]", "1000", "2000", "[]")]
    public void Slice_Indices_Clamps(string arr, string start, string stop, string expected) =>
        Builtin.Yields(expected, "array.slice", arr, start, stop);

    [Fact]
    public void Concat_Arrays_Joins() => Builtin.Yields("[1, 2, 3, 4]", "array.concat", "[1, 2]", "[3, 4]");

    [Fact]
    public void Concat_ObjectRhs_TypeError() =>
        Builtin.TypeError("array.concat: operand 2 must be array but got object", "array.concat", "[1]", "{\"a\": 1}");

    [Fact]
    public void Reverse_Array_Reverses() => Builtin.Yields("[3, 2, 1]", "array.reverse", "[1, 2, 3]");
}
