using System.Net;
using System.Text;
using System.Text.Json;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.Admin;

public sealed class AdminApiTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;

    public async Task InitializeAsync() => _host = await GatewayTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task PostTokens_WithoutAdminToken_401()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Gateway.AdminAddress };

        using var response = await anonymous.PostAsync("/admin/tokens", new StringContent("""{"agent":"builder-17"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", await ErrorBody.TypeAsync(response));
    }

    [Fact]
    public async Task PostTokens_KnownAgent_ReturnsTokenIdExpiry()
    {
        using var response = await _host.Admin.PostAsync("/admin/tokens", new StringContent("""{"agent":"builder-17","task":"ISSUE-342","ttlSeconds":3600}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("agt_", body.RootElement.GetProperty("token").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("tok_", body.RootElement.GetProperty("id").GetString(), StringComparison.Ordinal);
        var expires = body.RootElement.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
    }

    [Fact]
    public async Task PostTokens_UnknownAgent_400UnknownAgent()
    {
        using var response = await _host.Admin.PostAsync("/admin/tokens", new StringContent("""{"agent":"intruder"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("unknown_agent", await ErrorBody.TypeAsync(response));
    }

    [Fact]
    public async Task DeleteTokens_UnknownId_404()
    {
        using var response = await _host.Admin.DeleteAsync("/admin/tokens/tok_nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await ErrorBody.TypeAsync(response));
    }

    [Theory]
    [InlineData("/admin/tokens")]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    public async Task AgentListener_AdminPaths_404(string path)
    {
        using var request = new HttpRequestMessage(path == "/admin/tokens" ? HttpMethod.Post : HttpMethod.Get, path)
        {
            Content = new StringContent("""{"agent":"builder-17"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", GatewayTestHost.AdminToken);

        using var response = await _host.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await ErrorBody.TypeAsync(response));
    }

    [Fact]
    public async Task AdminListener_LlmPath_404()
    {
        using var response = await _host.Admin.PostAsync("/llm/anthropic/v1/messages", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_host.Upstream.Seen);
    }

    [Fact]
    public async Task Healthz_OpenWithoutToken_200()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Gateway.AdminAddress };

        using var response = await anonymous.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_AllChecksPass_200WithDetail()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Gateway.AdminAddress };

        using var response = await anonymous.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("ready").GetBoolean());
        Assert.True(body.RootElement.GetProperty("checks").GetProperty("audit").GetProperty("ready").GetBoolean());
        Assert.True(body.RootElement.GetProperty("checks").GetProperty("providers").GetProperty("ready").GetBoolean());
    }

    [Fact]
    public async Task Metrics_AfterCall_ExposesRequestsAndTokensByAgent()
    {
        using var anonymous = new HttpClient { BaseAddress = _host.Gateway.AdminAddress };
        using var unauthorized = await anonymous.GetAsync("/metrics");
        var token = await _host.IssueTokenAsync();
        using var call = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent("""{"model":"claude-metrics","max_tokens":5,"messages":[]}""", Encoding.UTF8, "application/json"),
        };
        call.Headers.Add("x-api-key", token);
        (await _host.Agent.SendAsync(call)).Dispose();

        var text = await PollMetricsAsync("claude-metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Contains("agentgate_llm_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("agentgate_llm_tokens_total{", text, StringComparison.Ordinal);
        Assert.Contains("agent=\"builder-17\"", text, StringComparison.Ordinal);
        Assert.Contains("agentgate_llm_duration_seconds_bucket{", text, StringComparison.Ordinal);
    }

    private async Task<string> PollMetricsAsync(string needle)
    {
        // The Prometheus exporter caches a scrape briefly; poll with a deadline instead of sleeping.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var text = await _host.Admin.GetStringAsync("/metrics");
            if (text.Contains(needle, StringComparison.Ordinal) || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await Task.Yield();
        }
    }
}
