using AgentGate.Gateway.Proxy;

namespace AgentGate.Gateway.Tests.Proxy;

public sealed class UsageExtractorTests
{
    [Fact]
    public void Apply_AnthropicMessage_ReadsModelAndAllCounters()
    {
        var usage = new LlmUsage();

        UsageExtractor.Apply("""{"id":"msg_1","content":[{"type":"text","text":"usage"}],"model":"claude-x","usage":{"input_tokens":20,"output_tokens":5,"cache_read_input_tokens":3,"cache_creation_input_tokens":2,"server_tool_use":{"web_search_requests":1}}}"""u8, usage);

        Assert.Equal((20L, 5L, 3L, 2L, "claude-x"), (usage.InputTokens, usage.OutputTokens, usage.CacheReadInputTokens, usage.CacheCreationInputTokens, usage.ResponseModel));
    }

    [Fact]
    public void Apply_NestedMessageAndResponse_LaterLevelsWin()
    {
        var usage = new LlmUsage();

        UsageExtractor.Apply("""{"type":"message_start","message":{"model":"claude-y","usage":{"input_tokens":31,"output_tokens":1}}}"""u8, usage);
        UsageExtractor.Apply("""{"type":"response.completed","response":{"model":"gpt-r","usage":{"input_tokens":7,"output_tokens":9}},"usage":{"input_tokens":1}}"""u8, usage);

        Assert.Equal((7L, 9L, "gpt-r"), (usage.InputTokens, usage.OutputTokens, usage.ResponseModel));
    }

    [Fact]
    public void Apply_OpenAINamesAndNonIntegerCounter_FallsBackInOrder()
    {
        var usage = new LlmUsage { OutputTokens = 4 };

        UsageExtractor.Apply("""{"model":"gpt-x","usage":{"input_tokens":1.5,"prompt_tokens":12,"completion_tokens":null}}"""u8, usage);

        Assert.Equal((12L, 4L, "gpt-x"), (usage.InputTokens, usage.OutputTokens, usage.ResponseModel));
    }

    [Fact]
    public void Apply_DeeperUsageObjects_Ignored()
    {
        var usage = new LlmUsage();

        UsageExtractor.Apply("""{"choices":[{"usage":{"input_tokens":99}}],"message":{"content":{"usage":{"output_tokens":98}}}}"""u8, usage);

        Assert.Equal((null, null), (usage.InputTokens, usage.OutputTokens));
    }

    [Theory]
    [InlineData("""{"model":"m","usage":{"input_tokens":5},""")]
    [InlineData("""{"model":"m","usage":{"input_tokens":5,}}""")]
    [InlineData("""[{"usage":{"input_tokens":5}}]""")]
    public void Apply_NotOneWholeObject_AppliesNothing(string json)
    {
        var usage = new LlmUsage();

        UsageExtractor.Apply(System.Text.Encoding.UTF8.GetBytes(json), usage);

        Assert.Equal((null, null), (usage.InputTokens, usage.ResponseModel));
    }
}
