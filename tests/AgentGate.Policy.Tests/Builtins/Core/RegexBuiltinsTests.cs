namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class RegexBuiltinsTests
{
    [Theory]
    [InlineData("\"a.\"", "\"paranormal\"", "-1", "[\"ar\", \"an\", \"al\"]")]
    [InlineData("\"a.\"", "\"paranormal\"", "2", "[\"ar\", \"an\"]")]
    [InlineData("\"a.\"", "\"paranormal\"", "0", "[]")]
    [InlineData("\"^a.\"", "\"abacadaeaf\"", "-1", "[\"ab\"]")]
    [InlineData("\".$\"", "\"abacadaeaf\"", "-1", "[\"f\"]")]
    [InlineData("\"[abcdef]{2}\"", "\"abacadaeaf\"", "-1", "[\"ab\", \"ac\", \"ad\", \"ae\", \"af\"]")]
    [InlineData("\"bork\"", "\"paranormal\"", "-1", "[]")]
    [InlineData("\"a*\"", "\"baaac\"", "-1", "[\"\", \"aaa\", \"\"]")]
    public void FindN_Pattern_GoSemantics(string pattern, string s, string n, string expected) =>
        Builtin.Yields(expected, "regex.find_n", pattern, s, n);

    [Theory]
    [InlineData("\"a(x*)b\"", "\"-\"", "-1", "[]")]
    [InlineData("\"a(x*)b\"", "\"-ab-axb-\"", "-1", "[[\"ab\", \"\"], [\"axb\", \"x\"]]")]
    [InlineData("\"[^aouiye]([aouiye])([^aouiye])?\"", "\"somestri\"", "-1", "[[\"som\", \"o\", \"m\"], [\"ri\", \"i\", \"\"]]")]
    [InlineData("\"[^aouiye]([aouiye])([^aouiye])?\"", "\"somestri\"", "1", "[[\"som\", \"o\", \"m\"]]")]
    [InlineData("\"^.*$\"", "\"aaaabc\"", "-1", "[[\"aaaabc\"]]")]
    public void FindAllSubmatch_Pattern_Groups(string pattern, string s, string n, string expected) =>
        Builtin.Yields(expected, "regex.find_all_string_submatch_n", pattern, s, n);

    [Theory]
    [InlineData("10", "false")]
    [InlineData("\"++\"", "false")]
    [InlineData("\".+\"", "true")]
    [InlineData("\"(a)\\\\1\"", "false")]
    [InlineData("\"a(?=b)\"", "false")]
    [InlineData("\"a**\"", "false")]
    [InlineData("\"a{1001}\"", "false")]
    [InlineData("\"(?P<x>a)\"", "true")]
    [InlineData("\"[[:alpha:]]+\"", "true")]
    [InlineData("\"\\\\pL\"", "true")]
    [InlineData("\"\\\\e\"", "false")]
    public void IsValid_Pattern_FollowsRe2(string pattern, string expected) => Builtin.Yields(expected, "regex.is_valid", pattern);

    [Theory]
    [InlineData("\"^a$\"", "\"a\\n\"", "false")]
    [InlineData("\"(?m)^a$\"", "\"a\\nb\"", "true")]
    [InlineData("\"\\\\d+\"", "\"\\u0663\"", "false")]
    [InlineData("\"(?i)HELLO\"", "\"hello\"", "true")]
    [InlineData("\"[[:digit:]]x\"", "\"5x\"", "true")]
    [InlineData("\"\\\\x{41}\"", "\"A\"", "true")]
    [InlineData("\"^\\\\p{Greek}+$\"", "\"αβγ\"", "true")]
    [InlineData("\"^[\\\\p{Greek}a]+$\"", "\"αa\"", "true")]
    public void Match_Pattern_Re2Semantics(string pattern, string s, string expected) => Builtin.Yields(expected, "regex.match", pattern, s);

    [Fact]
    public void Match_InvalidPattern_BuiltinError() =>
        Builtin.BuiltinError("regex.match: error parsing regexp: missing argument to repetition operator: `+`", "regex.match", "\"++\"", "\"a\"");

    [Theory]
    [InlineData("\"a,b;c\"", "\"[,;]\"", "[\"a\", \"b\", \"c\"]")]
    [InlineData("\"\"", "\"x\"", "[\"\"]")]
    [InlineData("\"abc\"", "\"\"", "[\"a\", \"b\", \"c\"]")]
    [InlineData("\"\"", "\"\"", "[]")]
    public void Split_Pattern_GoSemantics(string s, string pattern, string expected) => Builtin.Yields(expected, "regex.split", pattern, s);

    [Theory]
    [InlineData("\"foo-bar\"", "\"(\\\\w+)-(\\\\w+)\"", "\"$2.$1\"", "\"bar.foo\"")]
    [InlineData("\"abc\"", "\"b\"", "\"$$\"", "\"a$c\"")]
    [InlineData("\"abc\"", "\"(?P<x>b)\"", "\"[${x}]\"", "\"a[b]c\"")]
    [InlineData("\"abc\"", "\"(b)\"", "\"$1x\"", "\"ac\"")]
    [InlineData("\"aaa\"", "\"^a\"", "\"b\"", "\"bbb\"")]
    [InlineData("\"ab\"", "\"x*\"", "\"-\"", "\"-a-b-\"")]
    public void Replace_Template_GoExpand(string s, string pattern, string with, string expected) =>
        Builtin.Yields(expected, "regex.replace", s, pattern, with);

    [Theory]
    [InlineData("\"urn:foo:{.*}\"", "\"urn:foo:bar:baz\"", "\"{\"", "\"}\"", "true")]
    [InlineData("\"urn:foo:<.*>\"", "\"urn:foo:bar:baz\"", "\"<\"", "\">\"", "true")]
    [InlineData("\"urn:foo.{[0-9]+}\"", "\"urn:fooX1\"", "\"{\"", "\"}\"", "false")]
    public void TemplateMatch_Template_Matches(string template, string s, string open, string close, string expected) =>
        Builtin.Yields(expected, "regex.template_match", template, s, open, close);
}
