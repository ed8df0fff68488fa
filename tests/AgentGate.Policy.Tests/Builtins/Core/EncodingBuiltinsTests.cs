namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class EncodingBuiltinsTests
{
    [Theory]
    [InlineData("base64url.encode", "\"hello\"", "\"aGVsbG8=\"")]
    [InlineData("base64url.encode", "\"there\"", "\"dGhlcmU=\"")]
    [InlineData("base64url.decode", "\"aGVsbG8=\"", "\"hello\"")]
    [InlineData("base64url.decode", "\"aGVsbG8\"", "\"hello\"")]
    [InlineData("base64url.encode_no_pad", "\"hello\"", "\"aGVsbG8\"")]
    [InlineData("base64.encode", "\"åäö\"", "\"w6XDpMO2\"")]
    [InlineData("base64.decode", "\"w6XDpMO2\"", "\"åäö\"")]
    [InlineData("base64.is_valid", "\"aGVsbG8\"", "false")]
    [InlineData("base64.is_valid", "\"aGVsbG8=\"", "true")]
    [InlineData("hex.encode", "\"hi\"", "\"6869\"")]
    [InlineData("hex.decode", "\"6869\"", "\"hi\"")]
    [InlineData("urlquery.encode", "\"a=b+1\"", "\"a%3Db%2B1\"")]
    [InlineData("urlquery.encode", "\"a b\"", "\"a+b\"")]
    [InlineData("urlquery.encode", "\"\"", "\"\"")]
    [InlineData("urlquery.decode", "\"a%3Db%2B1\"", "\"a=b+1\"")]
    [InlineData("urlquery.encode_object", "{}", "\"\"")]
    [InlineData("urlquery.encode_object", "{\"a\": \"b\", \"c\": \"d\"}", "\"a=b&c=d\"")]
    [InlineData("urlquery.encode_object", "{\"a\": [\"b+1\", \"c+2\"]}", "\"a=b%2B1&a=c%2B2\"")]
    [InlineData("urlquery.encode_object", "{\"a\": {\"b+1\"}}", "\"a=b%2B1\"")]
    [InlineData("urlquery.decode_object", "\"a=value_a1&b=value_b&a=value_a2\"", "{\"a\": [\"value_a1\", \"value_a2\"], \"b\": [\"value_b\"]}")]
    [InlineData("urlquery.decode_object", "\"a=value_a1&b\"", "{\"a\": [\"value_a1\"], \"b\": [\"\"]}")]
    [InlineData("urlquery.decode_object", "\"\"", "{}")]
    public void Unary_Encoding_Computes(string name, string value, string expected) => Builtin.Yields(expected, name, value);

    [Fact]
    public void Count_InvalidUtf8FromBase64_CountsReplacementRunes() =>
        Assert.Equal("30", Builtin.CallValues("count", Builtin.Call("base64.decode", "\"2E84ZuPUd7zfvCZSNEchVpDEIj6PL7JfLpIqyxVG16k=\"")!)!.ToString());

    [Fact]
    public void Base64Decode_Garbage_BuiltinError() => Builtin.BuiltinError("base64.decode:", "base64.decode", "\"%%%\"");

    [Fact]
    public void UrlQueryDecode_BadEscape_BuiltinError() => Builtin.BuiltinError("urlquery.decode:", "urlquery.decode", "\"%zz\"");

    [Theory]
    [InlineData("{\"b\": [1, 2.5, {3}], \"a\": \"<x>\"}", "\"{\\\"a\\\":\\\"\\\\u003cx\\\\u003e\\\",\\\"b\\\":[1,2.5,[3]]}\"")]
    [InlineData("1000000000", "\"1000000000\"")]
    [InlineData("{1: true}", "\"{\\\"1\\\":true}\"")]
    public void Marshal_Value_GoJson(string value, string expected) => Builtin.Yields(expected, "json.marshal", value);

    [Theory]
    [InlineData("{\"a\": [1]}", "{\"pretty\": true}", "\"{\\n\\t\\\"a\\\": [\\n\\t\\t1\\n\\t]\\n}\"")]
    [InlineData("{\"a\": 1}", "{\"indent\": \"  \", \"prefix\": \"p\"}", "\"p{\\np  \\\"a\\\": 1\\np}\"")]
    [InlineData("{\"a\": 1}", "{\"indent\": \"  \", \"pretty\": false}", "\"{\\\"a\\\":1}\"")]
    public void MarshalWithOptions_Options_Formats(string value, string opts, string expected) =>
        Builtin.Yields(expected, "json.marshal_with_options", value, opts);

    [Fact]
    public void MarshalWithOptions_UnknownKey_TypeError() =>
        Builtin.TypeError("operand 2 object contained unknown key foo", "json.marshal_with_options", "1", "{\"foo\": 1}");

    [Theory]
    [InlineData("\"{\\\"a\\\": [1, 18446744073709551614]}\"", "{\"a\": [1, 18446744073709551614]}")]
    [InlineData("\"null\"", "null")]
    public void Unmarshal_Text_Parses(string text, string expected) => Builtin.Yields(expected, "json.unmarshal", text);

    [Fact]
    public void Unmarshal_Bad_BuiltinError() => Builtin.BuiltinError("json.unmarshal:", "json.unmarshal", "\"{\"");

    [Theory]
    [InlineData("\"{}\"", "true")]
    [InlineData("\"{\"", "false")]
    [InlineData("1", "false")]
    public void IsValid_Text_Checks(string text, string expected) => Builtin.Yields(expected, "json.is_valid", text);

    [Theory]
    [InlineData("\"a: 1\\nb: [x, yes, ~, 0x10, 1.5, '2']\\n\"", "{\"a\": 1, \"b\": [\"x\", true, null, 16, 1.5, \"2\"]}")]
    [InlineData("\"1: one\\n\"", "{\"1\": \"one\"}")]
    [InlineData("\"\"", "null")]
    public void YamlUnmarshal_Text_Parses(string text, string expected) => Builtin.Yields(expected, "yaml.unmarshal", text);

    [Fact]
    public void YamlUnmarshal_Bad_BuiltinError() => Builtin.BuiltinError("yaml.unmarshal:", "yaml.unmarshal", "\"a: [\"");

    [Theory]
    [InlineData("{\"b\": [1, \"true\"], \"a\": {\"c\": \"\"}}", "\"a:\\n  c: \\\"\\\"\\nb:\\n- 1\\n- \\\"true\\\"\\n\"")]
    [InlineData("[{\"a\": 1, \"b\": 2}]", "\"- a: 1\\n  b: 2\\n\"")]
    [InlineData("{\"k\": \"a: b\"}", "\"k: 'a: b'\\n\"")]
    [InlineData("{\"k\": \"plain text\"}", "\"k: plain text\\n\"")]
    public void YamlMarshal_Value_BlockStyle(string value, string expected) => Builtin.Yields(expected, "yaml.marshal", value);

    [Theory]
    [InlineData("\"a: 1\"", "true")]
    [InlineData("\"a: [\"", "false")]
    public void YamlIsValid_Text_Checks(string text, string expected) => Builtin.Yields(expected, "yaml.is_valid", text);
}
