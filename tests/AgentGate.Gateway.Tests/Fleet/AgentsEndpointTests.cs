using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.Fleet;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Sandbox.Runtime;
using AgentGate.Sandbox.Watchdog;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Fleet;

public sealed class AgentsEndpointTests
{
    private static Task<GatewayTestHost> StartAsync(FakeTimeProvider? time = null) => GatewayTestHost.StartAsync(services =>
    {
        // A dockerd that is not there: the watchdog must keep serving an (empty or in-memory) snapshot.
        services.AddSingleton(_ => ContainerRuntimes.CreateDocker(new Uri("unix:///nonexistent/agentgate-test-docker.sock")));
        if (time is not null)
            services.AddSingleton(sp => new AgentWatchdog(new WatchdogOptions(), sp.GetRequiredService<IWatchdogCallbacks>(), time));
    });

    private static async Task<List<JsonElement>> AgentsAsync(GatewayTestHost host)
    {
        using var response = await host.Admin.GetAsync("/admin/agents");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("agents").EnumerateArray().ToList();
    }

    [Fact]
    public async Task GetAgents_NoDockerd_ReturnsEmptySnapshot()
    {
        await using var host = await StartAsync();

        Assert.Empty(await AgentsAsync(host));
    }

    [Fact]
    public async Task GetAgents_WithoutAdminToken_Is401()
    {
        await using var host = await StartAsync();
        using var anonymous = new HttpClient { BaseAddress = host.Gateway.AdminAddress };

        using var response = await anonymous.GetAsync("/admin/agents");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task GetAgents_OnAgentListener_IsNotServed()
    {
        await using var host = await StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/agents");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", GatewayTestHost.AdminToken);

        using var response = await host.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetAgents_IdleAgent_StalledThenWorkingAfterModelCall()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = await StartAsync(time);
        var watchdog = host.Gateway.Services.GetRequiredService<AgentWatchdog>();
        watchdog.Register("demo", "builder-17", "ISSUE-342");
        host.Gateway.Services.GetRequiredService<FleetAgentIndex>().Replace([("demo", "builder-17")]);
        time.Advance(TimeSpan.FromMinutes(6));

        var stalled = Assert.Single(await AgentsAsync(host));
        Assert.Equal("stalled", stalled.GetProperty("state").GetString());
        Assert.Equal("demo", stalled.GetProperty("fleet").GetString());
        Assert.Equal("ISSUE-342", stalled.GetProperty("task").GetString());

        var token = await host.IssueTokenAsync();
        using var call = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        call.Headers.Add("x-api-key", token);
        using var answer = await host.Agent.SendAsync(call);
        Assert.True(answer.IsSuccessStatusCode, await answer.Content.ReadAsStringAsync());

        var working = Assert.Single(await AgentsAsync(host));
        Assert.Equal("working", working.GetProperty("state").GetString());
    }

    [Fact]
    public async Task ModelCall_AgentPausedByWatchdog_403AgentPaused()
    {
        await using var host = await StartAsync();
        var index = host.Gateway.Services.GetRequiredService<FleetAgentIndex>();
        index.Replace([("demo", "builder-17")]);
        index.Pause("demo", "builder-17", "budget exhausted");
        var token = await host.IssueTokenAsync();
        using var call = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-sonnet-4-5","max_tokens":16,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        call.Headers.Add("x-api-key", token);

        using var answer = await host.Agent.SendAsync(call);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        var error = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("agent_paused", error.GetProperty("type").GetString());
        Assert.Empty(host.Upstream.Seen);
    }
}
