using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Evaluation;

public sealed class SafetyTests
{
    [Fact]
    public void Compile_UnsafeVarsInTwoRules_ReportsAllWithFileLineColumn()
    {
        const string src = "package t\n\np if {\n\tcount(x) > 0\n}\n\nq contains y if {\n\tz := 1\n\tz > 0\n}\n";
        var r = PolicyBundle.Compile([new("t.rego", src)]);
        Assert.False(r.Success);
        Assert.Equal(2, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.Equal("rego_unsafe_var_error", e.Code));
        Assert.Equal("t.rego:4:8: rego_unsafe_var_error: var x is unsafe", r.Errors[0].Message);
        Assert.Equal("t.rego:7:12: rego_unsafe_var_error: var y is unsafe", r.Errors[1].Message);
    }

    [Theory]
    [InlineData("p if { not input.xs[x] }", "x")]
    [InlineData("p := [y | z > 1]", "z")]
    [InlineData("f(a) := b if a > 1", "b")]
    [InlineData("p if { every v in [1] { v > w } }", "w")]
    public void Compile_UnsafeVar_ReportsIt(string rule, string name)
    {
        var r = PolicyBundle.Compile([new("t.rego", "package t\n" + rule)]);
        Assert.False(r.Success);
        Assert.Contains(r.Errors, e => e.Code == "rego_unsafe_var_error" && e.Message.EndsWith($"var {name} is unsafe", StringComparison.Ordinal));
    }

    [Fact]
    public void Evaluate_UnsafeQueryVar_ReturnsUnsafeError()
    {
        var b = PolicyBundle.Compile([new("t.rego", "package t\np := 1")]).Bundle!;
        var r = b.Evaluate("x > 1", null);
        Assert.Equal("rego_unsafe_var_error", r.Error?.Code);
    }

    [Theory]
    [InlineData("y := x + 1; x := 2", "y", "3")]
    [InlineData("z := [v | some v in xs; v > n]; n := 1; xs := [1, 2, 3]", "z", "[2,3]")]
    [InlineData("s := sum([w | w := data.t.m[_]]); data.t.m[k] == 2", "s", "3")]
    [InlineData("every v in xs { v > lo }; lo := 0; xs := [1, 2]; r := true", "r", "true")]
    public void Evaluate_BodyWrittenOutOfOrder_RunsInSafeOrder(string query, string var, string json)
    {
        var b = PolicyBundle.Compile([new("t.rego", "package t\nm := {\"a\": 1, \"b\": 2}")]).Bundle!;
        var r = b.Evaluate(query, null);
        Assert.Null(r.Error);
        Assert.Equal(ValueJson.Parse(json), r.Rows.Single()[var]);
    }
}
