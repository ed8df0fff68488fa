namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class JsonBuiltinsTests
{
    [Theory]
    [InlineData("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}", "{\"a/b/c\"}", "{\"a\": {\"b\": {\"d\": 8}}, \"e\": 9}")]
    [InlineData("{\"a\": {\"b\": {\"c\": 7, \"d\": 8}}, \"e\": 9}", "[\"a/b/c\", \"e\"]", "{\"a\": {\"b\": {\"d\": 8}}}")]
    [InlineData("{\"a\": {\"b\": 7}, \"c\": 1}", "{\"a\", \"a/b\"}", "{\"c\": 1}")]
    [InlineData("{\"a\": 7}", "set()", "{\"a\": 7}")]
    [InlineData("{\"a\": {\"b\": 7}, \"c\": 1}", "{\"a/b\", \"c\"}", "{\"a\": {}}")]
    [InlineData("{\"a\": [{\"b\": 7, \"c\": 8}, {\"d\": 9}]}", "{\"a/0/b\", \"a/1\"}", "{\"a\": [{\"c\": 8}]}")]
    [InlineData("{\"a\": [{\"1\": [\"b\", \"c\", \"d\"]}, {\"x\": \"y\"}]}", "{\"a/0/1/2\"}", "{\"a\": [{\"1\": [\"b\", \"c\"]}, {\"x\": \"y\"}]}")]
    [InlineData("{\"a\": {\"b\": {\"c\": 7, \"d\": 8, \"x\": 0}}, \"e\": 9}", "{\"a/b/d\", [\"a\", \"b\", \"c\"]}", "{\"a\": {\"b\": {\"x\": 0}}, \"e\": 9}")]
    public void Remove_Paths_Removes(string obj, string paths, string expected) => Builtin.Yields(expected, "json.remove", obj, paths);

    [Theory]
    [InlineData("\"foo\"", "json.remove: operand 2 must be one of {set, array} but got string")]
    [InlineData("{1, \"a\"}", "json.remove: operand 2 must be one of {set, array} containing string paths or array of path segments but got number")]
    public void Remove_BadPaths_TypeError(string paths, string message) =>
        Builtin.TypeError(message, "json.remove", "{\"a\": 1}", paths);

    [Theory]
    [InlineData("{\"a\": {\"b\": 2, \"c\": 3}}", "{\"a/b\"}", "{\"a\": {\"b\": 2}}")]
    [InlineData("{\"a\": [1, 2, 3], \"b\": 1}", "[\"a/1\", \"a/2\"]", "{\"a\": [2, 3]}")]
    [InlineData("{\"a\": {\"b\": 2}}", "[\"a\", \"a/b/c\"]", "{\"a\": {\"b\": 2}}")]
    public void Filter_Paths_Keeps(string obj, string paths, string expected) => Builtin.Yields(expected, "json.filter", obj, paths);

    [Theory]
    [InlineData("{\"foo\": \"bar\"}", "[{\"op\": \"add\", \"path\": \"/baz\", \"value\": \"qux\"}]", "{\"baz\": \"qux\", \"foo\": \"bar\"}")]
    [InlineData("{\"foo\": [\"bar\", \"baz\"]}", "[{\"op\": \"add\", \"path\": \"/foo/1\", \"value\": \"qux\"}]", "{\"foo\": [\"bar\", \"qux\", \"baz\"]}")]
    [InlineData("{\"foo\": [\"all\", \"grass\", \"cows\", \"eat\"]}", "[{\"op\": \"move\", \"from\": \"/foo/1\", \"path\": \"/foo/3\"}]", "{\"foo\": [\"all\", \"cows\", \"eat\", \"grass\"]}")]
    [InlineData("{\"/\": 9, \"~1\": 10}", "[{\"op\": \"test\", \"path\": \"/~01\", \"value\": 10}]", "{\"/\": 9, \"~1\": 10}")]
    [InlineData("[1, 2, [3, [4, 5]]]", "[{\"op\": \"add\", \"path\": \"/2/1/-\", \"value\": 6}]", "[1, 2, [3, [4, 5, 6]]]")]
    [InlineData("{}", "[{\"op\": \"add\", \"path\": \"/\", \"value\": 1}]", "{\"\": 1}")]
    [InlineData("{\"foo\": \"bar\"}", "[{\"op\": \"replace\", \"path\": \"\", \"value\": {\"baz\": \"qux\"}}]", "{\"baz\": \"qux\"}")]
    [InlineData("{\"foo\": {\"a\", \"b\", \"c\"}}", "[{\"op\": \"remove\", \"path\": \"foo/b\"}]", "{\"foo\": {\"a\", \"c\"}}")]
    [InlineData("{\"foo\": {\"a\", \"b\"}, \"bar\": {\"c\"}}", "[{\"op\": \"move\", \"from\": \"foo/a\", \"path\": \"bar/a\"}]", "{\"foo\": {\"b\"}, \"bar\": {\"a\", \"c\"}}")]
    [InlineData("{[1]}", "[{\"op\": \"add\", \"path\": [[1], 1], \"value\": 2}]", "{[1, 2]}")]
    [InlineData("[1, 2, 3, 4]", "[{\"op\": \"remove\", \"path\": \"/1\"}, {\"op\": \"remove\", \"path\": \"/2\"}]", "[1, 3]")]
    public void Patch_Operations_Applies(string doc, string patch, string expected) => Builtin.Yields(expected, "json.patch", doc, patch);

    [Theory]
    [InlineData("{\"q\": {\"bar\": 2}}", "[{\"op\": \"add\", \"path\": \"/a/b\", \"value\": 1}]")]
    [InlineData("{\"bar\": [1, 2]}", "[{\"op\": \"add\", \"path\": \"/bar/8\", \"value\": \"5\"}]")]
    [InlineData("[\"foo\", \"bar\"]", "[{\"op\": \"test\", \"path\": \"/1e0\", \"value\": \"bar\"}]")]
    [InlineData("[\"foo\", \"bar\"]", "[{\"op\": \"test\", \"path\": \"/01\", \"value\": \"bar\"}]")]
    [InlineData("{\"foo\": \"bar\"}", "[{\"op\": \"remove\", \"path\": \"/baz\"}]")]
    [InlineData("{\"foo\": 1}", "[{\"op\": \"spam\", \"path\": \"/foo\", \"value\": 1}]")]
    [InlineData("[1]", "[{\"op\": \"add\", \"path\": \"/-\"}]")]
    [InlineData("{\"foo\": 1}", "[{\"op\": \"copy\", \"from\": \"/bar\", \"path\": \"/foo\"}]")]
    [InlineData("{\"baz\": \"qux\"}", "[{\"op\": \"test\", \"path\": \"/baz\", \"value\": \"bar\"}]")]
    [InlineData("[1, 2, 3]", "[{\"op\": \"add\", \"path\": \"1.2\", \"value\": \"foo\"}]")]
    [InlineData("{\"foo\": {\"a\", \"b\"}}", "[{\"op\": \"add\", \"path\": \"foo/d\", \"value\": \"e\"}]")]
    public void Patch_Invalid_Undefined(string doc, string patch) => Builtin.Undefined("json.patch", doc, patch);
}
