using AgentGate.Policy.Syntax;

namespace AgentGate.Policy.Tests.Syntax;

public sealed class ParserTests
{
    [Fact]
    public void ParseModule_RefHeadsAndKeywords_BuildsRules()
    {
        var m = Parser.ParseModule("m.rego", """
            package a.b
            import data.x as y
            default allow := false
            allow if { input.x == 1 }
            a.b[c] contains d if { some c, d in input.m }
            f(x) := y if y := x + 1
            else := 0
            """);
        Assert.Equal(["a", "b"], m.Package);
        Assert.Single(m.Imports);
        Assert.Equal(4, m.Rules.Count);
        Assert.Equal(RuleKind.Contains, m.Rules[2].Kind);
        Assert.NotNull(m.Rules[3].Else);
    }

    [Fact]
    public void ParseModule_BadToken_ErrorHasFileLineColumn()
    {
        var ex = Assert.Throws<ParseException>(() => Parser.ParseModule("bad.rego", "package p\n\np := [1,\n"));
        Assert.StartsWith("bad.rego:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rego_parse_error", ex.Message, StringComparison.Ordinal);
    }
}
