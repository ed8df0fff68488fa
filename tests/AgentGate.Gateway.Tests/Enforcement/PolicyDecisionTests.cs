using AgentGate.Gateway.Enforcement;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Tests.Enforcement;

public sealed class PolicyDecisionTests
{
    [Theory]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("{\"allow\": true, \"deny\": \"oops\"}")]
    [InlineData("{\"allow\": true, \"deny\": [], \"require_approval\": 3}")]
    public void From_MalformedDecision_FailsClosed(string json)
    {
        var decision = PolicyDecision.From(ValueJson.Parse(json), "r1");

        Assert.False(decision.Allow);
        Assert.Equal(PolicyDecision.FailClosedRule, decision.Rule);
    }

    [Fact]
    public void From_Undefined_FailsClosed()
    {
        Assert.False(PolicyDecision.From(null, "r1").Allow);
    }

    [Fact]
    public void From_AllowTrueWithDenyReasons_Denies()
    {
        var decision = PolicyDecision.From(ValueJson.Parse("{\"allow\": true, \"deny\": [\"no\"], \"rule\": \"x\"}"), "r1");

        Assert.False(decision.Allow);
        Assert.Equal(["no"], decision.Deny);
    }

    [Fact]
    public void From_AllowFalseWithoutReasons_DeniesWithAReason()
    {
        var decision = PolicyDecision.From(ValueJson.Parse("{\"allow\": false, \"deny\": []}"), "r1");

        Assert.False(decision.Allow);
        Assert.Single(decision.Deny);
    }

    [Fact]
    public void From_ApprovalsWithAllow_NeedsApproval()
    {
        var decision = PolicyDecision.From(ValueJson.Parse("{\"allow\": true, \"deny\": [], \"require_approval\": [\"tag push\"], \"rule\": \"agentgate.git\"}"), "r1");

        Assert.True(decision.NeedsApproval);
        Assert.Equal("tag push", decision.Message);
    }
}
