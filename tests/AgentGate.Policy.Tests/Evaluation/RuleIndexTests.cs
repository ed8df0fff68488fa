using AgentGate.Policy.Compilation;
using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Evaluation;

public sealed class RuleIndexTests
{
    private const string Src = """
        package t

        deny contains "exec" if input.kind == "exec"

        deny contains "file" if {
        	"file" = input.kind
        	input.op == "write"
        }

        deny contains "always" if input.user

        deny contains "exec2" if {
        	input.kind == "exec"
        	input.n > 1
        }

        kind := "known" if input.kind == "exec"

        kind := "known" if input.kind == "file"
        """;

    [Theory]
    [InlineData("""{"kind": "exec", "n": 2}""", """["exec", "exec2"]""", "\"known\"")]
    [InlineData("""{"kind": "file", "op": "write", "user": "u"}""", """["always", "file"]""", "\"known\"")]
    [InlineData("""{"kind": "git", "user": "u"}""", """["always"]""", null)]
    [InlineData("""{"user": "u"}""", """["always"]""", null)]
    public void EvaluateRule_IndexedRuleSet_SameAsEveryRule(string input, string deny, string? kind)
    {
        var b = PolicyBundle.Compile([new("t.rego", Src)]).Bundle!;
        var (d, err) = b.EvaluateRule("data.t.deny", ValueJson.Parse(input));
        Assert.Null(err);
        Assert.Equal(ValueJson.Parse(deny), ArrayValue.From(((SetValue)d!).Items));
        var (k, _) = b.EvaluateRule("data.t.kind", ValueJson.Parse(input));
        Assert.Equal(kind is null ? null : ValueJson.Parse(kind), k);
    }

    [Fact]
    public void Build_RulesTestingOneInputRef_BucketsByConstant()
    {
        var module = Parser.ParseModule("t.rego", Src);
        var deny = module.Rules.Where(r => ((VarTerm)r.Head[0]).Name == "deny").ToList();
        var index = RuleIndex.Build(deny);
        Assert.NotNull(index);
        Assert.Equal([0, 2, 3], index.Candidates(StringValue.From("exec")));
        Assert.Equal([1, 2], index.Candidates(StringValue.From("file")));
        Assert.Equal([2], index.Candidates(StringValue.From("git")));
        Assert.Equal([2], index.Candidates(null));
    }
}
