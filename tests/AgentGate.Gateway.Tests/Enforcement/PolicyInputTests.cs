using AgentGate.Gateway.Config;
using AgentGate.Gateway.Enforcement;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Tests.Enforcement;

public sealed class PolicyInputTests
{
    private static readonly AgentConfig Agent = new("builder-17", "builder", "auth", "sam");

    [Fact]
    public void Build_Identity_MatchesTheDesignShape()
    {
        var action = PolicyInput.Object(("kind", StringValue.From("llm")));
        var now = new DateTimeOffset(2026, 11, 23, 12, 30, 45, 678, TimeSpan.FromHours(2));

        var input = PolicyInput.Build(new CallIdentity(Agent, "ISSUE-1", "tok_1"), action, now);

        Assert.Equal(
            """{"action":{"kind":"llm"},"agent":{"id":"builder-17","lane":"auth","owner":"sam","role":"builder"},"session":{"id":"tok_1","sandbox":null,"task":"ISSUE-1"},"time":"2026-11-23T10:30:45Z"}""",
            ValueJson.Serialize(input));
    }

    [Fact]
    public void Build_TimeMovesOnOrBack_TimeFollowsEverySecond()
    {
        var identity = new CallIdentity(Agent, null, "tok_1");
        var start = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

        string TimeAt(DateTimeOffset t) => ((StringValue)PolicyInput.Build(identity, ObjectValue.Empty, t).Get(StringValue.From("time"))!).Value;

        Assert.Equal("2026-11-23T12:00:00Z", TimeAt(start));
        Assert.Equal("2026-11-23T12:00:00Z", TimeAt(start.AddMilliseconds(999)));
        Assert.Equal("2026-11-23T12:00:01Z", TimeAt(start.AddSeconds(1)));
        Assert.Equal("2026-11-23T11:59:59Z", TimeAt(start.AddSeconds(-1)));
    }

    [Fact]
    public void Build_DifferentAgentConfigs_EachAgentSeesItsOwnAttributes()
    {
        var other = Agent with { Id = "reviewer-1", Role = "reviewer" };

        var first = PolicyInput.Build(new CallIdentity(Agent, null, "s"), ObjectValue.Empty, DateTimeOffset.UnixEpoch);
        var second = PolicyInput.Build(new CallIdentity(other, null, "s"), ObjectValue.Empty, DateTimeOffset.UnixEpoch);

        Assert.Contains("\"role\":\"builder\"", ValueJson.Serialize(first), StringComparison.Ordinal);
        Assert.Contains("\"role\":\"reviewer\"", ValueJson.Serialize(second), StringComparison.Ordinal);
    }
}
