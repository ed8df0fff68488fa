using System.Text.Json;
using AgentGate.Gateway.Fleet;
using AgentGate.Sandbox.Fleet;

namespace AgentGate.Gateway.Tests.Fleet;

[Collection("Console")]
public sealed class FleetOperationErrorTests
{
    [Fact]
    public async Task RunAsync_UpFailedForTwoAgents_FleetUpFailedListsEachAgentAndExits1()
    {
        var failure = new FleetOperationException("up", "demo", 6,
        [
            FleetFailure.ForAgent("bad", new InvalidOperationException("No such image: nope:1")),
            FleetFailure.ForAgent("b2", new FleetCliException("token_issue_failed", "the gateway refused a token for agent 'b2': 403")),
        ]);

        var (code, error) = await RunAsync(failure);

        Assert.Equal(1, code);
        using var body = JsonDocument.Parse(error);
        var e = body.RootElement.GetProperty("error");
        Assert.Equal("fleet_up_failed", e.GetProperty("type").GetString());
        Assert.Equal("fleet 'demo' did not come up: 2 of 6 agent(s) failed; the fleet was torn down (containers removed, tokens revoked)", e.GetProperty("message").GetString());
        Assert.Equal(
            ["agent 'bad': No such image: nope:1", "agent 'b2': the gateway refused a token for agent 'b2': 403"],
            e.GetProperty("errors").EnumerateArray().Select(x => x.GetString()));
    }

    [Fact]
    public async Task RunAsync_UpFailedWithOneTokenIssueFailure_KeepsTokenIssueFailedType()
    {
        var failure = new FleetOperationException("up", "demo", 3,
            [FleetFailure.ForAgent("b1", new FleetCliException("token_issue_failed", "refused"))]);

        var (code, error) = await RunAsync(failure);

        Assert.Equal(1, code);
        Assert.Equal("token_issue_failed", JsonDocument.Parse(error).RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public void ErrorTypeOf_DownFailure_IsFleetDownFailed() =>
        Assert.Equal("fleet_down_failed", FleetCli.ErrorTypeOf(new FleetOperationException("down", "demo", 2,
            [new FleetFailure("network 'agentgate-demo'", new InvalidOperationException("has active endpoints"))])));

    private static async Task<(int Code, string Error)> RunAsync(FleetOperationException failure)
    {
        var stderr = Console.Error;
        using var error = new StringWriter();
        Console.SetError(error);
        try
        {
            var code = await FleetCli.RunAsync(() => Task.FromException<int>(failure));
            return (code, error.ToString());
        }
        finally
        {
            Console.SetError(stderr);
        }
    }
}
