using System.ClientModel;
using Anthropic;
using Anthropic.Models.Messages;
using AgentGate.Gateway.Tests.Infrastructure;
using OpenAI;
using OpenAI.Chat;

namespace AgentGate.Gateway.Tests.Sdk;

/// <summary>The official SDKs, configured only with a gateway base URL and an agent token as API key.</summary>
public sealed class OfficialSdkTests : IAsyncLifetime
{
    private GatewayTestHost _host = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _host = await GatewayTestHost.StartAsync();
        _token = await _host.IssueTokenAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private AnthropicClient AnthropicClient() => new()
    {
        ApiKey = _token,
        BaseUrl = new Uri(_host.Gateway.AgentAddress, "/llm/anthropic").ToString(),
        MaxRetries = 0,
    };

    private static MessageCreateParams Params(string model) => new()
    {
        Model = model,
        MaxTokens = 128,
        Messages = [new UserMessageParam { Content = "Say hello" }],
    };

    private ChatClient OpenAIClient(string model) =>
        new(model, new ApiKeyCredential(_token), new OpenAIClientOptions { Endpoint = new Uri(_host.Gateway.AgentAddress, "/llm/openai/v1") });

    private async Task AssertUpstreamAndAuditAsync(string model, long input, long output, string realKey)
    {
        Assert.All(_host.Upstream.Seen, seen =>
        {
            Assert.True(seen.ApiKey == realKey || seen.Authorization == "Bearer " + realKey, "upstream saw the real key");
            Assert.DoesNotContain(_token, seen.ApiKey + seen.Authorization + seen.Body, StringComparison.Ordinal);
        });
        var record = (await _host.ReadAuditAsync()).Last();
        Assert.Equal(("builder-17", model, input, output), (record.Agent, record.Model, record.InputTokens, record.OutputTokens));
    }

    [Fact]
    public async Task AnthropicSdk_Create_CompletesThroughGateway()
    {
        var message = await AnthropicClient().Messages.Create(Params("claude-sonnet-4-5"));

        Assert.Equal(FakeUpstream.AnthropicOutputTokens, message.Usage.OutputTokens);
        await AssertUpstreamAndAuditAsync("claude-sonnet-4-5", FakeUpstream.AnthropicInputTokens, FakeUpstream.AnthropicOutputTokens, GatewayTestHost.RealAnthropicKey);
    }

    [Fact]
    public async Task AnthropicSdk_CreateStreaming_CompletesThroughGateway()
    {
        var events = 0;
        await foreach (var streamEvent in AnthropicClient().Messages.CreateStreaming(Params("claude-haiku-4-5")))
        {
            streamEvent.Validate();
            events++;
        }

        Assert.True(events >= 6);
        await AssertUpstreamAndAuditAsync("claude-haiku-4-5", FakeUpstream.AnthropicInputTokens, FakeUpstream.AnthropicOutputTokens, GatewayTestHost.RealAnthropicKey);
    }

    [Fact]
    public async Task OpenAISdk_CompleteChat_CompletesThroughGateway()
    {
        ChatCompletion completion = await OpenAIClient("gpt-4.1-mini").CompleteChatAsync([new UserChatMessage("Say hello")]);

        Assert.Equal("Hello from fake", completion.Content[0].Text);
        Assert.Equal(FakeUpstream.OpenAICompletionTokens, completion.Usage.OutputTokenCount);
        await AssertUpstreamAndAuditAsync("gpt-4.1-mini", FakeUpstream.OpenAIPromptTokens, FakeUpstream.OpenAICompletionTokens, GatewayTestHost.RealOpenAIKey);
    }

    [Fact]
    public async Task OpenAISdk_CompleteChatStreaming_CompletesWithStreamedUsage()
    {
        var text = new System.Text.StringBuilder();
        ChatTokenUsage? usage = null;
        await foreach (var update in OpenAIClient("gpt-4.1").CompleteChatStreamingAsync([new UserChatMessage("Say hello")]))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }

            usage ??= update.Usage;
        }

        Assert.Equal("Hello from fake", text.ToString());
        Assert.Equal(FakeUpstream.OpenAIPromptTokens, usage?.InputTokenCount);
        await AssertUpstreamAndAuditAsync("gpt-4.1", FakeUpstream.OpenAIPromptTokens, FakeUpstream.OpenAICompletionTokens, GatewayTestHost.RealOpenAIKey);
    }
}
