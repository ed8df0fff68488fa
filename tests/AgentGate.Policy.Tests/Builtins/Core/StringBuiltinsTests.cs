namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class StringBuiltinsTests
{
    [Theory]
    [InlineData("\"/\"", "[\"\", \"foo\", \"bar\", \"0\", \"baz\"]", "\"/foo/bar/0/baz\"")]
    [InlineData("\",\"", "{\"1\", \"2\"}", "\"1,2\"")]
    [InlineData("\",\"", "[]", "\"\"")]
    public void Concat_Strings_Joins(string sep, string items, string expected) => Builtin.Yields(expected, "concat", sep, items);

    [Fact]
    public void Concat_NumberElement_TypeError() =>
        Builtin.TypeError("concat: operand 2 must be array of strings but got array containing number", "concat", "\",\"", "[\"a\", 1]");

    [Theory]
    [InlineData("15.5", "16", "\"f\"")]
    [InlineData("3.1", "10", "\"3\"")]
    [InlineData("-15.5", "16", "\"-f\"")]
    [InlineData("10", "2", "\"1010\"")]
    [InlineData("8", "8", "\"10\"")]
    public void FormatInt_Base_Formats(string n, string b, string expected) => Builtin.Yields(expected, "format_int", n, b);

    [Fact]
    public void FormatInt_BadBase_TypeError() =>
        Builtin.TypeError("operand 2 must be one of {2, 8, 10, 16}", "format_int", "4.1", "199");

    [Theory]
    [InlineData("\"abcdefgh\"", "\"cde\"", "2")]
    [InlineData("\"abcabcabcdefgh\"", "\"cde\"", "8")]
    [InlineData("\"abcdefgh\"", "\"xyz\"", "-1")]
    [InlineData("\"μx\"", "\"x\"", "1")]
    [InlineData("\"skön var våren\"", "\"vår\"", "9")]
    [InlineData("\"🍧🍨🧁🍰🍮\"", "\"🍮\"", "4")]
    public void IndexOf_Search_RuneIndex(string s, string search, string expected) => Builtin.Yields(expected, "indexof", s, search);

    [Fact]
    public void IndexOf_EmptySearch_BuiltinError() => Builtin.BuiltinError("empty search character", "indexof", "\"a\"", "\"\"");

    [Theory]
    [InlineData("\"dogcatdogcat\"", "\"cat\"", "[3, 9]")]
    [InlineData("\"dogcat\"", "\"rabbit\"", "[]")]
    [InlineData("\"😇😀😇😀😇😀\"", "\"😀\"", "[1, 3, 5]")]
    [InlineData("\"aaa\"", "\"aa\"", "[0, 1]")]
    public void IndexOfN_Search_AllRuneIndexes(string s, string search, string expected) =>
        Builtin.Yields(expected, "indexof_n", s, search);

    [Theory]
    [InlineData("\"abcdefgh\"", "2", "3", "\"cde\"")]
    [InlineData("\"åäö\"", "0", "2", "\"åä\"")]
    [InlineData("\"abcdefgh\"", "2", "-1", "\"cdefgh\"")]
    [InlineData("\"aåäö\"", "2", "-1", "\"äö\"")]
    [InlineData("\"abcdefghåäö\"", "2", "10000", "\"cdefghåäö\"")]
    [InlineData("\"åäö\"", "3", "-1", "\"\"")]
    [InlineData("\"aaa\"", "4", "-1", "\"\"")]
    public void Substring_Range_Runes(string s, string start, string len, string expected) =>
        Builtin.Yields(expected, "substring", s, start, len);

    [Fact]
    public void Substring_NegativeOffset_BuiltinError() => Builtin.BuiltinError("negative offset", "substring", "\"åäö\"", "-1", "-1");

    [Theory]
    [InlineData("contains", "\"abcdefgh\"", "\"defg\"", "true")]
    [InlineData("contains", "\"abcdefgh\"", "\"ac\"", "false")]
    [InlineData("startswith", "\"abcdefgh\"", "\"abcd\"", "true")]
    [InlineData("startswith", "\"abcdefgh\"", "\"bcd\"", "false")]
    [InlineData("endswith", "\"abcdefgh\"", "\"fgh\"", "true")]
    [InlineData("endswith", "\"abcdefgh\"", "\"fg\"", "false")]
    [InlineData("strings.count", "\"cheese\"", "\"e\"", "3")]
    [InlineData("strings.count", "\"dummy\"", "\"\"", "6")]
    [InlineData("strings.count", "\"\"", "\"\"", "1")]
    [InlineData("strings.count", "\"11111\"", "\"11\"", "2")]
    [InlineData("split", "\"\"", "\".\"", "[\"\"]")]
    [InlineData("split", "\"test\"", "\"\"", "[\"t\", \"e\", \"s\", \"t\"]")]
    [InlineData("split", "\"\"", "\"\"", "[]")]
    [InlineData("split", "\"foo.bar.baz\"", "\".\"", "[\"foo\", \"bar\", \"baz\"]")]
    [InlineData("trim", "\"¡¡¡foo, bar!!!\"", "\"!¡\"", "\"foo, bar\"")]
    [InlineData("trim", "\"...foo.bar...\"", "\".fr\"", "\"oo.ba\"")]
    [InlineData("trim_left", "\"¡¡¡foo, bar!!!\"", "\"!¡\"", "\"foo, bar!!!\"")]
    [InlineData("trim_right", "\"¡¡¡foo, bar!!!\"", "\"!¡\"", "\"¡¡¡foo, bar\"")]
    [InlineData("trim_suffix", "\"¡¡¡foo, bar!!!\"", "\", bar!!!\"", "\"¡¡¡foo\"")]
    [InlineData("trim_suffix", "\"¡¡¡foo, bar!!!\"", "\", foo!!!\"", "\"¡¡¡foo, bar!!!\"")]
    [InlineData("trim_prefix", "\"foo.bar\"", "\"foo.\"", "\"bar\"")]
    [InlineData("strings.any_prefix_match", "[\"a/b/c\", \"e/f/g\"]", "[\"f/\", \"e/\"]", "true")]
    [InlineData("strings.any_prefix_match", "{\"a/b/c\"}", "\"b\"", "false")]
    [InlineData("strings.any_suffix_match", "\"a/b/c\"", "[\"/c\", \"/a\"]", "true")]
    public void Binary_Strings_Computes(string name, string x, string y, string expected) => Builtin.Yields(expected, name, x, y);

    [Theory]
    [InlineData("lower", "\"AbCdEf\"", "\"abcdef\"")]
    [InlineData("upper", "\"AbCdEf\"", "\"ABCDEF\"")]
    [InlineData("trim_space", "\"  \\t hi \\n\"", "\"hi\"")]
    [InlineData("strings.reverse", "\"bar\"", "\"rab\"")]
    [InlineData("strings.reverse", "\"1\\ud83d\\ude00\\ud835\\udefe\"", "\"\\ud835\\udefe\\ud83d\\ude001\"")]
    [InlineData("strings.reverse", "\"2\\ufe0f\\u20e3\"", "\"\\u20e3\\ufe0f2\"")]
    public void Unary_Strings_Computes(string name, string x, string expected) => Builtin.Yields(expected, name, x);

    [Fact]
    public void Reverse_Number_TypeError() =>
        Builtin.TypeError("strings.reverse: operand 1 must be string but got number", "strings.reverse", "123");

    [Fact]
    public void AnyPrefixMatch_NumberElements_TypeError() =>
        Builtin.TypeError("strings.any_prefix_match: operand 1 must be array of strings but got array containing number", "strings.any_prefix_match", "[1]", "\"a\"");

    [Fact]
    public void AnyPrefixMatch_Number_TypeError() =>
        Builtin.TypeError("operand 2 must be one of {string, set, array} but got number", "strings.any_prefix_match", "\"a\"", "1");

    [Theory]
    [InlineData("\"\"", "\"hi\"", "\"bye\"", "\"\"")]
    [InlineData("\"foo.bar.baz\"", "\".\"", "\",\"", "\"foo,bar,baz\"")]
    [InlineData("\"foo...bar\"", "\"..\"", "\",,\"", "\"foo,,.bar\"")]
    [InlineData("\"ab\"", "\"\"", "\"-\"", "\"-a-b-\"")]
    public void Replace_Pattern_ReplacesAll(string s, string old, string with, string expected) =>
        Builtin.Yields(expected, "replace", s, old, with);

    [Fact]
    public void ReplaceN_Patterns_FirstSortedKeyWins() =>
        Builtin.Yields("\"1b3\"", "strings.replace_n", "{\"a\": \"1\", \"ab\": \"2\", \"c\": \"3\"}", "\"abc\"");

    [Theory]
    [InlineData("\"hi\"", "[]", "\"hi\"")]
    [InlineData("\"hi %s\"", "[\"there\"]", "\"hi there\"")]
    [InlineData("\"hi %02d\"", "[5]", "\"hi 05\"")]
    [InlineData("\"hi %02X.%02X\"", "[127, 1]", "\"hi 7F.01\"")]
    [InlineData("\"hi %.2f\"", "[3.1415]", "\"hi 3.14\"")]
    [InlineData("\"hi %v\"", "[2e308]", "\"hi 2e308\"")]
    [InlineData("\"hi %s\"", "[true]", "\"hi true\"")]
    [InlineData("\"hi %v\"", "[[\"there\", 5, 3.14]]", "\"hi [\\\"there\\\", 5, 3.14]\"")]
    [InlineData("\"%s\"", "[123456789123456789123]", "\"123456789123456789123\"")]
    [InlineData("\"%v %v\"", "[1000000.5, 0.0001]", "\"1.0000005e+06 0.0001\"")]
    [InlineData("\"%e|%g|%f\"", "[3.5, 3.5, 3.5]", "\"3.500000e+00|3.5|3.500000\"")]
    [InlineData("\"%d %s\"", "[\"x\", 1]", "\"%!d(string=x) %!s(int=1)\"")]
    [InlineData("\"%d\"", "[]", "\"%!d(MISSING)\"")]
    [InlineData("\"%q|%-4d|%+d|%x\"", "[\"a\\\"b\", 7, 3, \"hi\"]", "\"\\\"a\\\\\\\"b\\\"|7   |+3|6869\"")]
    [InlineData("\"%v\"", "[{\"a\": {1}}]", "\"{\\\"a\\\": {1}}\"")]
    [InlineData("\"%d%%\"", "[50]", "\"50%\"")]
    [InlineData("\"%.3g\"", "[1234.5678]", "\"1.23e+03\"")]
    public void Sprintf_GoVerbs_Formats(string format, string args, string expected) =>
        Builtin.Yields(expected, "sprintf", format, args);
}
