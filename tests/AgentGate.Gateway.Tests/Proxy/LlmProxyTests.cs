using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.Proxy;

public sealed class LlmProxyTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayTestHost.StartAsync();
        _token = await _host.IssueTokenAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private HttpRequestMessage Anthropic(string model, bool stream, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            Content = new StringContent($$"""{"model":"{{model}}","max_tokens":256,"stream":{{(stream ? "true" : "false")}},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", token ?? _token);
        request.Headers.Add("anthropic-version", "2023-06-01");
        return request;
    }

    [Fact]
    public async Task Anthropic_Json_ForwardsWithRealKeyAndAuditsUsage()
    {
        using var response = await _host.Agent.SendAsync(Anthropic("claude-sonnet-4-5", stream: false));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Hello from fake", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var seen = Assert.Single(_host.Upstream.Seen);
        Assert.Equal("/v1/messages", seen.Path);
        Assert.Equal(GatewayTestHost.RealAnthropicKey, seen.ApiKey);
        Assert.Null(seen.Authorization);
        var record = (await _host.ReadAuditAsync()).Last();
        Assert.Equal(("builder-17", "ISSUE-342", "claude-sonnet-4-5", "allow", 200), (record.Agent, record.Task, record.Model, record.Decision, record.UpstreamStatus));
        Assert.Equal("anthropic /v1/messages", record.Target);
        Assert.Equal(FakeUpstream.AnthropicInputTokens, record.InputTokens);
        Assert.Equal(FakeUpstream.AnthropicOutputTokens, record.OutputTokens);
        Assert.Equal(response.Headers.GetValues("x-agentgate-request-id").Single(), record.RequestId);
    }

    [Fact]
    public async Task Anthropic_Stream_ReadsUsageFromEvents()
    {
        using var response = await _host.Agent.SendAsync(Anthropic("claude-haiku", stream: true));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("event: message_stop", body, StringComparison.Ordinal);
        var record = (await _host.ReadAuditAsync()).Last();
        Assert.Equal(FakeUpstream.AnthropicInputTokens, record.InputTokens);
        Assert.Equal(FakeUpstream.AnthropicOutputTokens, record.OutputTokens);
    }

    [Fact]
    public async Task Stream_SlowUpstream_FirstEventArrivesBeforeStreamEnds()
    {
        using var response = await _host.Agent.SendAsync(Anthropic("slow", stream: true), HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(stream);

        // The upstream holds the rest of the stream until released: reading this line proves no buffering.
        var first = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("event: message_start", first);
        Assert.False(_host.Upstream.ReleaseSlowStream.Task.IsCompleted);

        _host.Upstream.ReleaseSlowStream.SetResult();
        var rest = await reader.ReadToEndAsync();
        Assert.Contains("message_stop", rest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAI_StreamWithUsage_ForwardsBearerAndAuditsUsage()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/openai/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"gpt-4.1-mini","stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);

        using var response = await _host.Agent.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Contains("data: [DONE]", body, StringComparison.Ordinal);
        var seen = Assert.Single(_host.Upstream.Seen);
        Assert.Equal("Bearer " + GatewayTestHost.RealOpenAIKey, seen.Authorization);
        Assert.Null(seen.ApiKey);
        var record = (await _host.ReadAuditAsync()).Last();
        Assert.Equal(("gpt-4.1-mini", (long?)FakeUpstream.OpenAIPromptTokens, (long?)FakeUpstream.OpenAICompletionTokens), (record.Model, record.InputTokens, record.OutputTokens));
    }

    [Fact]
    public async Task OpenAICompatible_ByConfiguredName_RoutesWithBasicAuthToken()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/local-llm/v1/chat/completions")
        {
            Content = new StringContent("""{"model":"llama","messages":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("x:" + _token)));

        using var response = await _host.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Bearer " + GatewayTestHost.RealOpenAIKey, Assert.Single(_host.Upstream.Seen).Authorization);
        Assert.Equal("local-llm /v1/chat/completions", (await _host.ReadAuditAsync()).Last().Target);
    }

    [Fact]
    public async Task UpstreamError_ReachesAgentUnchanged()
    {
        using var response = await _host.Agent.SendAsync(Anthropic("error-429", stream: false));

        Assert.Equal((HttpStatusCode)429, response.StatusCode);
        Assert.Equal("7", response.Headers.GetValues("retry-after").Single());
        Assert.Equal("""{"type":"error","error":{"type":"rate_limit_error","message":"Number of request tokens has exceeded your per-minute rate limit"}}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(429, (await _host.ReadAuditAsync()).Last().UpstreamStatus);
    }

    [Fact]
    public async Task UpstreamHangs_504UpstreamTimeout()
    {
        using var response = await _host.Agent.SendAsync(Anthropic("hang", stream: false));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("upstream_timeout", await ErrorBody.TypeAsync(response));
    }

    [Theory]
    [InlineData(null, "no agent token")]
    [InlineData("agt_forged", "not known")]
    public async Task MissingOrUnknownToken_401AndAudited(string? token, string reason)
    {
        using var request = Anthropic("claude", stream: false, token: token ?? string.Empty);
        if (token is null)
        {
            request.Headers.Remove("x-api-key");
        }

        using var response = await _host.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("unauthenticated", await ErrorBody.TypeAsync(response));
        Assert.Empty(_host.Upstream.Seen);
        var record = (await _host.ReadAuditAsync()).Last();
        Assert.Equal("deny", record.Decision);
        Assert.Contains(reason, record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokedToken_401AndAudited()
    {
        var tokenResponse = await _host.Admin.PostAsync("/admin/tokens", new StringContent("""{"agent":"reviewer-2","ttlSeconds":60}""", Encoding.UTF8, "application/json"));
        using var issued = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var token = issued.RootElement.GetProperty("token").GetString()!;
        var id = issued.RootElement.GetProperty("id").GetString()!;

        using var revoke = await _host.Admin.DeleteAsync($"/admin/tokens/{id}");
        using var response = await _host.Agent.SendAsync(Anthropic("claude", stream: false, token: token));

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var record = (await _host.ReadAuditAsync()).Last();
        Assert.Equal(("reviewer-2", "deny"), (record.Agent, record.Decision));
        Assert.Contains("revoked", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownProvider_404AndAudited()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/nope/v1/x") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", _token);

        using var response = await _host.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown_provider", await ErrorBody.TypeAsync(response));
        Assert.Equal("deny", (await _host.ReadAuditAsync()).Last().Decision);
    }
}
