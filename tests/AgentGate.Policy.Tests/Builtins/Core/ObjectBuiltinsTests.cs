namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class ObjectBuiltinsTests
{
    [Theory]
    [InlineData("{\"a\": 1, \"b\": {\"c\": 3}}", "{\"a\"}", "{\"b\": {\"c\": 3}}")]
    [InlineData("{\"a\": 1, \"b\": {\"c\": 3}, \"d\": 4}", "[\"d\", \"b\"]", "{\"a\": 1}")]
    [InlineData("{\"a\": 1, \"b\": {\"c\": 3}, \"d\": 4}", "{\"b\": 1, \"d\": \"\"}", "{\"a\": 1}")]
    [InlineData("{}", "{\"a\", \"b\"}", "{}")]
    [InlineData("{\"a\": 1}", "set()", "{\"a\": 1}")]
    [InlineData("{\"a\": 1, [[7]]: 2}", "{[[7]]}", "{\"a\": 1}")]
    public void Remove_Keys_Removes(string obj, string keys, string expected) => Builtin.Yields(expected, "object.remove", obj, keys);

    [Fact]
    public void Remove_ArrayObject_TypeError() =>
        Builtin.TypeError("object.remove: operand 1 must be object but got array", "object.remove", "[\"a\"]", "{\"a\"}");

    [Fact]
    public void Remove_StringKeys_TypeError() =>
        Builtin.TypeError("object.remove: operand 2 must be one of {object, set, array} but got string", "object.remove", "{\"a\": 1}", "\"foo\"");

    [Fact]
    public void Filter_Keys_Keeps() => Builtin.Yields("{\"a\": 1}", "object.filter", "{\"a\": 1, \"b\": 2}", "[\"a\", \"z\"]");

    [Theory]
    [InlineData("{}", "{}", "{}")]
    [InlineData("{\"a\": {\"b\": {\"c\": 1}}}", "{\"b\": 2}", "{\"a\": {\"b\": {\"c\": 1}}, \"b\": 2}")]
    [InlineData("{\"a\": 1}", "{\"a\": 2}", "{\"a\": 2}")]
    [InlineData("{\"a\": {\"b\": {\"c\": 1}}, \"e\": 1}", "{\"a\": {\"b\": \"foo\", \"b1\": \"bar\"}, \"d\": 7, \"e\": 17}", "{\"a\": {\"b\": \"foo\", \"b1\": \"bar\"}, \"d\": 7, \"e\": 17}")]
    public void Union_Objects_MergesRightWins(string x, string y, string expected) => Builtin.Yields(expected, "object.union", x, y);

    [Theory]
    [InlineData("[{}]", "{}")]
    [InlineData("[{\"foo\": \"bar\"}, {\"foo\": \"baz\"}]", "{\"foo\": \"baz\"}")]
    [InlineData("[{\"a\": {\"b\": 2}}, {\"a\": 4}, {\"a\": {\"c\": 3}}]", "{\"a\": {\"c\": 3}}")]
    [InlineData("[{\"a\": 1, \"b\": 2, \"c\": 3}, {\"foo\": \"baz\", \"a\": \"a\", \"d\": 4}, {\"a\": \"final A!\", \"e\": 5.0}]", "{\"a\": \"final A!\", \"b\": 2, \"c\": 3, \"d\": 4, \"e\": 5, \"foo\": \"baz\"}")]
    public void UnionN_Objects_FoldsLeft(string arr, string expected) => Builtin.Yields(expected, "object.union_n", arr);

    [Fact]
    public void UnionN_StringElement_TypeError() =>
        Builtin.TypeError("object.union_n: operand 1 must be array of objects but got array containing string", "object.union_n", "[{\"foo\": 1}, \"baz\"]");

    [Theory]
    [InlineData("{\"a\": {\"b\": 1}}", "[\"a\", \"b\"]", "0", "1")]
    [InlineData("{\"a\": [5, 6]}", "[\"a\", 1]", "0", "6")]
    [InlineData("{\"a\": {\"b\": 1}}", "[\"a\", \"c\"]", "0", "0")]
    [InlineData("{\"a\": 1}", "\"a\"", "0", "1")]
    [InlineData("{\"a\": 1}", "[]", "0", "{\"a\": 1}")]
    [InlineData("{\"a\": {1}}", "[\"a\", 1]", "0", "1")]
    public void Get_Path_FindsOrDefault(string obj, string key, string def, string expected) =>
        Builtin.Yields(expected, "object.get", obj, key, def);

    [Fact]
    public void Keys_Object_SetOfKeys() => Builtin.Yields("{\"a\", \"b\"}", "object.keys", "{\"a\": 1, \"b\": 2}");

    [Theory]
    [InlineData("{\"a\": 5, \"b\": 7}", "{\"a\": 5}", "true")]
    [InlineData("{\"a\": 5}", "{\"a\": 5, \"b\": 7}", "false")]
    [InlineData("{\"n\": {\"x\": 10, \"s\": {1, 2, 3}, \"arr\": [6, 7, 8]}}", "{\"n\": {\"s\": {1}, \"arr\": [7, 8]}}", "true")]
    [InlineData("{1, 2, 3, {\"a\", \"b\", \"c\"}}", "{3, 2, {\"a\", \"b\"}}", "false")]
    [InlineData("[1, 2, 3, 4, 5, 6]", "[3, 4, 5]", "true")]
    [InlineData("[1, 2, 3, 4, 5, 6]", "[4, 5, 6, 8]", "false")]
    [InlineData("[1, 2, 3, 4, 5, 6]", "{4, 3, 2}", "true")]
    [InlineData("[1, 2, 3, 4, 5, 6]", "{9, 8, 7}", "false")]
    public void Subset_Values_Decides(string sup, string sub, string expected) => Builtin.Yields(expected, "object.subset", sup, sub);

    [Fact]
    public void Subset_SetAndArray_TypeError() =>
        Builtin.TypeError("must be of the same type or array and set", "object.subset", "{1}", "[1]");
}
