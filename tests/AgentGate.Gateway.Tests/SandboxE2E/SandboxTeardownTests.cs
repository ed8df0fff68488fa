using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AgentGate.Sandbox.Fleet;

namespace AgentGate.Gateway.Tests.SandboxE2E;

/// <summary>Teardown against the real gateway: containers and network gone, and the token the container held no longer works.</summary>
[Collection(SandboxE2ECollection.Name)]
public sealed class SandboxTeardownTests(SandboxE2EFixture f)
{
    [Fact]
    public async Task Down_SecondFleet_RemovesItAndRevokesItsTokenAtTheGateway()
    {
        if (!f.Ready) return;
        var fleet = f.FleetName + "-td";
        var parsed = FleetManifestParser.Parse($$"""
            fleet: {{fleet}}
            agents: [ { id: builder-18, role: builder, task: ISSUE-9, image: {{SandboxE2EFixture.TinyImage}}, command: [sleep, "600"], workspace: ws/td, resources: { memory: 16Mi } } ]
            """, f.Root);
        await f.Manager!.UpAsync(parsed.Manifest!, default);
        string token;
        try
        {
            var env = await f.Manager.ExecAsync(fleet, "builder-18", ["sh", "-c", "echo \"$AGENTGATE_TOKEN\""], default);
            token = env.Stdout.Trim();
            Assert.StartsWith("agt_", token, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, await AuthorizeAsync(token));
        }
        catch
        {
            await f.Manager.DownAsync(fleet, default);
            throw;
        }

        var down = await f.Manager.DownAsync(fleet, default);

        Assert.Equal((1, 1, 1), (down.ContainersRemoved, down.NetworksRemoved, down.TokensRevoked));
        Assert.Empty(await f.Manager.PsAsync(fleet, default));
        Assert.Equal(HttpStatusCode.Unauthorized, await AuthorizeAsync(token));
    }

    private async Task<HttpStatusCode> AuthorizeAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/authorize")
        {
            Content = new StringContent("""{"action":{"kind":"exec","command":"ls"}}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await f.Host!.Agent.SendAsync(request);
        return response.StatusCode;
    }
}
