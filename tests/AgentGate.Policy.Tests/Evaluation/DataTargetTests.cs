using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Evaluation;

public sealed class DataTargetTests
{
    private const string Src = """
        package t

        limit := data.limits.max

        over if input.n > data.limits.max

        missing := data.limits.nothing

        via_rule := data.t.limit
        """;

    [Theory]
    [InlineData("x := data.t.limit", "4")]
    [InlineData("x := data.t.via_rule", "4")]
    [InlineData("x := data.t.limit with data.limits.max as 5", "5")]
    [InlineData("x := data.t.via_rule with data.limits.max as 6", "6")]
    [InlineData("x := data.t.over with input as {\"n\": 5}", "true")]
    [InlineData("x := data.t.over with input as {\"n\": 5} with data.limits.max as 9; false", null)]
    [InlineData("x := data.t.missing", null)]
    public void Evaluate_ConstantDataReference_FollowsBaseDataAndOverrides(string query, string? json)
    {
        var b = PolicyBundle.Compile([new("t.rego", Src)], ValueJson.Parse("""{"limits": {"max": 4}}""")).Bundle!;
        var r = b.Evaluate(query, null);
        Assert.Null(r.Error);
        if (json is null)
        {
            Assert.Empty(r.Rows);
        }
        else
        {
            Assert.Equal(ValueJson.Parse(json), r.Rows.Single()["x"]);
        }
    }

    [Fact]
    public void Evaluate_OverriddenLimit_RuleSeesOverride()
    {
        var b = PolicyBundle.Compile([new("t.rego", Src)], ValueJson.Parse("""{"limits": {"max": 4}}""")).Bundle!;
        var r = b.Evaluate("not data.t.over with input as {\"n\": 5} with data.limits.max as 9", null);
        Assert.Null(r.Error);
        Assert.Single(r.Rows);
    }
}
