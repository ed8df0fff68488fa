namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class GlobsMatchTests
{
    [Theory]
    [InlineData("a.a.", ".b.b", "true")]
    [InlineData("[a-z]*", "[0-9]+", "false")]
    [InlineData("[a-z]*", "[0-9]*", "true")]
    [InlineData("ab+c", "a.*c", "true")]
    [InlineData("abc", "abd", "false")]
    [InlineData("[^a]x", "ax", "false")]
    [InlineData("[^a]x", "bx", "true")]
    [InlineData("a?b", "b", "true")]
    public void GlobsMatch_Patterns_IntersectionNonEmpty(string x, string y, string expected) =>
        Builtin.Yields(expected, "regex.globs_match", $"\"{x}\"", $"\"{y}\"");

    [Fact]
    public void GlobsMatch_Alternation_BuiltinError() => Builtin.BuiltinError("regex.globs_match:", "regex.globs_match", "\"(a|b)\"", "\"a\"");
}
