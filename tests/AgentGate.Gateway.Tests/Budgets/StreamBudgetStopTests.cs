using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.Budgets;

/// <summary>A stream whose budget runs out mid-response ends with a final error event (DESIGN.md, Budgets).</summary>
public sealed class StreamBudgetStopTests
{
    private const string AnthropicDelta = """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"abcdefghijklmnop"}}""";
    private const string OpenAIDelta = """{"id":"c1","object":"chat.completion.chunk","model":"gpt-test","choices":[{"index":0,"delta":{"content":"abcdefghijklmnop"},"finish_reason":null}]}""";

    private static async Task AnthropicStreamAsync(HttpContext context, int deltas)
    {
        ScriptedUpstream.StartStream(context);
        await ScriptedUpstream.EventAsync(context, "message_start", """{"type":"message_start","message":{"model":"claude-test","usage":{"input_tokens":10,"output_tokens":1}}}""");
        // deltas < 0: stream until the gateway closes the request (bounded by 30 s), so the test does not
        // depend on whether a fixed number of events fits in the loopback socket buffers.
        var until = DateTime.UtcNow.AddSeconds(30);
        for (var i = 0; deltas < 0 ? DateTime.UtcNow < until : i < deltas; i++)
        {
            await ScriptedUpstream.EventAsync(context, "content_block_delta", AnthropicDelta);
        }

        await ScriptedUpstream.EventAsync(context, "message_delta", """{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":999}}""");
        await ScriptedUpstream.EventAsync(context, "message_stop", """{"type":"message_stop"}""");
    }

    private static async Task<HttpResponseMessage> SendAsync(GatewayTestHost host, string token, string provider, string path, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/llm/{provider}{path}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(provider == "anthropic" ? "x-api-key" : "authorization", provider == "anthropic" ? token : "Bearer " + token);
        var response = await host.Agent.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    [Fact]
    public async Task AnthropicStream_AgentBudgetRunsOutMidResponse_EndsWithErrorEventStopsUpstreamAudited()
    {
        await using var upstream = await ScriptedUpstream.StartAsync((_, _, context) => AnthropicStreamAsync(context, -1));
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Budgets:Agent:Tokens"] = "500" }, upstreamOverride: upstream.BaseAddress);
        var token = await host.IssueTokenAsync();

        using var response = await SendAsync(host, token, "anthropic", "/v1/messages", """{"model":"claude-test","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var events = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain("message_stop", text, StringComparison.Ordinal);
        Assert.InRange(events.Length - 2, 64 / 4, 500 / 4);
        var error = JsonDocument.Parse(events[^1]["event: error\ndata: ".Length..]).RootElement.GetProperty("error");
        Assert.Equal("budget_exceeded", error.GetProperty("type").GetString());
        Assert.Contains("agent builder-17 used", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await upstream.ClientGone.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var record = Assert.Single(await host.ReadAuditAsync());
        Assert.Equal("budget_exceeded", record.Reason);
        Assert.Equal(200, record.UpstreamStatus);
        Assert.True(record.OutputTokens >= (events.Length - 2) * 4, $"audited output {record.OutputTokens}");
        using var budgets = JsonDocument.Parse(await host.Admin.GetStringAsync("/admin/budgets"));
        var spent = budgets.RootElement.GetProperty("limits").EnumerateArray().Single(l => l.GetProperty("id").GetString() == "agent:builder-17:tokens").GetProperty("spent").GetDecimal();
        Assert.InRange(spent, 400, 500);
    }

    [Fact]
    public async Task OpenAIStream_FleetBudgetRunsOut_EndsWithDataErrorObjectNoDone()
    {
        await using var upstream = await ScriptedUpstream.StartAsync(async (_, _, context) =>
        {
            ScriptedUpstream.StartStream(context);
            var until = DateTime.UtcNow.AddSeconds(30); // until the gateway closes the request (see AnthropicStreamAsync)
            while (DateTime.UtcNow < until)
            {
                await ScriptedUpstream.EventAsync(context, null, OpenAIDelta);
            }

            await ScriptedUpstream.EventAsync(context, null, "[DONE]");
        });
        await using var host = await GatewayTestHost.StartAsync(
            extra: new Dictionary<string, string?> { ["AgentGate:Budgets:Fleet:Tokens"] = "300", ["AgentGate:Budgets:DefaultMaxOutputTokens"] = "16" },
            upstreamOverride: upstream.BaseAddress);
        var token = await host.IssueTokenAsync();

        using var response = await SendAsync(host, token, "openai", "/v1/chat/completions", """{"model":"gpt-test","stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("[DONE]", text, StringComparison.Ordinal);
        var last = text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)[^1];
        Assert.StartsWith("data: {\"error\":", last, StringComparison.Ordinal);
        var error = JsonDocument.Parse(last["data: ".Length..]).RootElement.GetProperty("error");
        Assert.Equal("budget_exceeded", error.GetProperty("code").GetString());
        Assert.Equal("fleet:*:tokens", error.GetProperty("rule").GetString());
        await upstream.ClientGone.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task AnthropicStream_WithinBudget_BytesUnchangedUsageFromUpstream()
    {
        await using var upstream = await ScriptedUpstream.StartAsync((_, _, context) => AnthropicStreamAsync(context, 50));
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Budgets:Agent:Tokens"] = "100000" }, upstreamOverride: upstream.BaseAddress);
        var token = await host.IssueTokenAsync();

        using var response = await SendAsync(host, token, "anthropic", "/v1/messages", """{"model":"claude-test","max_tokens":64,"stream":true,"messages":[{"role":"user","content":"hi"}]}""");

        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("event: message_start\n", text, StringComparison.Ordinal);
        Assert.Equal(50, text.Split(AnthropicDelta).Length - 1);
        Assert.EndsWith("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n", text, StringComparison.Ordinal);
        var record = Assert.Single(await host.ReadAuditAsync());
        Assert.Null(record.Reason);
        Assert.Equal(999, record.OutputTokens);
    }

    [Fact]
    public async Task AnthropicStream_LimitLoweredMidStream_EndsWithErrorEventAtOnce()
    {
        // A slow stream (an event every 20 ms, for up to 30 s): without the re-check it would run until its
        // 4,096 reserved tokens (~1,000 events, ~20 s) were spent.
        await using var upstream = await ScriptedUpstream.StartAsync(async (_, _, context) =>
        {
            ScriptedUpstream.StartStream(context);
            await ScriptedUpstream.EventAsync(context, "message_start", """{"type":"message_start","message":{"model":"claude-test","usage":{"input_tokens":10,"output_tokens":1}}}""");
            var until = DateTime.UtcNow.AddSeconds(30);
            while (DateTime.UtcNow < until) // a write after the gateway hung up throws: ClientGone
            {
                await ScriptedUpstream.EventAsync(context, "content_block_delta", AnthropicDelta);
                await Task.Delay(20, CancellationToken.None);
            }
        });
        await using var host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?> { ["AgentGate:Budgets:Agent:Tokens"] = "1000000" }, upstreamOverride: upstream.BaseAddress);
        var token = await host.IssueTokenAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/llm/anthropic/v1/messages")
        {
            // Reserves 4,096 output tokens: the stream is well inside its reservation when the limit changes.
            Content = new StringContent("""{"model":"claude-test","max_tokens":4096,"stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", token);
        using var response = await host.Agent.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        string? line;
        do
        {
            line = await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }
        while (line is not null && !line.Contains("content_block_delta", StringComparison.Ordinal));

        Assert.NotNull(line);

        using var lowered = await host.Admin.PutAsync("/admin/budgets/limits/agent:builder-17:tokens", new StringContent("""{"limit":10}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(rest.Split(AnthropicDelta).Length - 1 < 100, "the stream should stop at the next event, not run on");
        var last = rest.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)[^1];
        var error = JsonDocument.Parse(last["event: error\ndata: ".Length..]).RootElement.GetProperty("error");
        Assert.Equal("budget_exceeded", error.GetProperty("type").GetString());
        Assert.Contains("of 10 tokens today", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        await upstream.ClientGone.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
