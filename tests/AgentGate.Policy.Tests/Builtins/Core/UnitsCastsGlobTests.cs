namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class UnitsCastsGlobTests
{
    [Theory]
    [InlineData("500m", "0.5")]
    [InlineData("0.0005K", "0.5")]
    [InlineData("0.0000005M", "0.5")]
    [InlineData("\\\"100TI\\\"", "109951162777600")]
    [InlineData(".0", "0")]
    [InlineData("1.1Ki", "1126.4")]
    [InlineData("100mi", "104857600")]
    [InlineData("10e", "10000000000000000000")]
    [InlineData("10Ei", "11529215046068469760")]
    [InlineData("1e-2", "0.01")]
    [InlineData("2.5e3K", "2500000")]
    [InlineData("-3.5E2m", "-0.35")]
    [InlineData("5E", "5000000000000000000")]
    [InlineData("1G", "1000000000")]
    public void Parse_Amount_Exact(string text, string expected) => Builtin.Yields(expected, "units.parse", $"\"{text}\"");

    [Theory]
    [InlineData("", "units.parse: no amount provided")]
    [InlineData("G", "units.parse: no amount provided")]
    [InlineData("0.0.0", "units.parse: could not parse amount to a number")]
    [InlineData("100 k", "units.parse: spaces not allowed in resource strings")]
    [InlineData("100x", "units.parse: unit x not recognized")]
    public void Parse_Bad_BuiltinError(string text, string message) => Builtin.BuiltinError(message, "units.parse", $"\"{text}\"");

    [Theory]
    [InlineData("\\\"100TIB\\\"", "109951162777600")]
    [InlineData("1.1KiB", "1126")]
    [InlineData("1.1KB", "1100")]
    [InlineData(".5KB", "500")]
    [InlineData("10eib", "11529215046068469760")]
    [InlineData("1e-2KB", "10")]
    [InlineData("3.2E2MiB", "335544320")]
    [InlineData("128Gi", "137438953472")]
    public void ParseBytes_Amount_Integer(string text, string expected) => Builtin.Yields(expected, "units.parse_bytes", $"\"{text}\"");

    [Theory]
    [InlineData("foo", "units.parse_bytes: no byte amount provided")]
    [InlineData(".5.2", "units.parse_bytes: could not parse byte amount to a number")]
    [InlineData(" 327MiB ", "units.parse_bytes: spaces not allowed in resource strings")]
    public void ParseBytes_Bad_BuiltinError(string text, string message) =>
        Builtin.BuiltinError(message, "units.parse_bytes", $"\"{text}\"");

    [Theory]
    [InlineData("\"-42.0\"", "-42")]
    [InlineData("false", "0")]
    [InlineData("true", "1")]
    [InlineData("null", "0")]
    [InlineData("100.1", "100.1")]
    [InlineData("\"+5\"", "5")]
    [InlineData("\"1e3\"", "1000")]
    public void ToNumber_Value_Converts(string value, string expected) => Builtin.Yields(expected, "to_number", value);

    [Fact]
    public void ToNumber_Broken_BuiltinError() => Builtin.BuiltinError("invalid syntax", "to_number", "\"broken\"");

    [Theory]
    [InlineData("nan")]
    [InlineData("-Infinity")]
    [InlineData("iNf")]
    public void ToNumber_NonFinite_TypeError(string text) => Builtin.TypeError("to_number: operand 1", "to_number", $"\"{text}\"");

    [Theory]
    [InlineData("*.github.com", "[\".\"]", "api.github.com", "true")]
    [InlineData("api.**.com", "[\".\"]", "api.cdn.github.com", "true")]
    [InlineData("*:github:com", "[\":\"]", "api:github:com", "true")]
    [InlineData("*.github.com", "[\".\"]", "api.not-github.com", "false")]
    [InlineData("[abc]at", "[]", "cat", "true")]
    [InlineData("[!abc]at", "[]", "cat", "false")]
    [InlineData("[a-c]at", "[]", "bat", "true")]
    [InlineData("[!a-c]at", "[]", "fat", "true")]
    [InlineData("?at", "[]", "at", "false")]
    [InlineData("?at", "[\"f\"]", "fat", "false")]
    [InlineData("{cat,bat,[fr]at}", "[]", "rat", "true")]
    [InlineData("{cat,bat,[fr]at}", "[]", "at", "false")]
    [InlineData("*", "[]", "foo.bar", "false")]
    [InlineData("*", "null", "foo.bar", "true")]
    [InlineData("foo*", "null", "foo.bar", "true")]
    [InlineData("\\\\*x", "[]", "*x", "true")]
    public void GlobMatch_Pattern_GobwasSemantics(string pattern, string delimiters, string text, string expected) =>
        Builtin.Yields(expected, "glob.match", $"\"{pattern}\"", delimiters, $"\"{text}\"");

    [Fact]
    public void GlobMatch_UnclosedList_BuiltinError() => Builtin.BuiltinError("glob.match:", "glob.match", "\"[ab\"", "[]", "\"a\"");

    [Fact]
    public void GlobMatch_LongDelimiter_TypeError() =>
        Builtin.TypeError("glob.match: operand 2 must be array of runes but got array containing string", "glob.match", "\"a\"", "[\"ab\"]", "\"a\"");

    [Fact]
    public void QuoteMeta_Specials_Escaped() => Builtin.Yields("\"\\\\*.github.com\"", "glob.quote_meta", "\"*.github.com\"");
}
