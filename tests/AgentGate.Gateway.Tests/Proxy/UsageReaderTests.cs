using System.Text;
using AgentGate.Gateway.Proxy;

namespace AgentGate.Gateway.Tests.Proxy;

public sealed class UsageReaderTests
{
    private const string AnthropicStream =
        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-x\",\"usage\":{\"input_tokens\":31,\"output_tokens\":1,\"cache_read_input_tokens\":4}}}\n\n" +
        "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"usage\"}}\n\n" +
        "event: message_delta\r\ndata: {\"type\":\"message_delta\",\"delta\":{},\"usage\":{\"output_tokens\":42}}\r\n\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Sse_AnthropicEventsSplitAnywhere_LastUsageWins(int chunkSize)
    {
        var usage = new LlmUsage();
        using var reader = new SseUsageReader(usage);
        var bytes = Encoding.UTF8.GetBytes(AnthropicStream);

        for (var i = 0; i < bytes.Length; i += chunkSize)
        {
            reader.Observe(bytes.AsSpan(i, Math.Min(chunkSize, bytes.Length - i)));
        }

        reader.Complete();
        Assert.Equal((31L, 42L, 4L, "claude-x"), (usage.InputTokens, usage.OutputTokens, usage.CacheReadInputTokens, usage.ResponseModel));
    }

    [Fact]
    public void Sse_OpenAIFinalUsageChunk_Read()
    {
        var usage = new LlmUsage();
        using var reader = new SseUsageReader(usage);

        reader.Observe("data: {\"model\":\"gpt-x\",\"choices\":[],\"usage\":null}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":3}}\n\ndata: [DONE]\n\n"u8);

        Assert.Equal((9L, 3L, "gpt-x"), (usage.InputTokens, usage.OutputTokens, usage.ResponseModel));
    }

    [Fact]
    public void Sse_LineLongerThanBound_SkippedWithoutBuffering()
    {
        var usage = new LlmUsage();
        using var reader = new SseUsageReader(usage);
        var huge = "data: {\"usage\":{\"input_tokens\":1},\"pad\":\"" + new string('x', SseUsageReader.MaxLineBytes) + "\"}\n";

        reader.Observe(Encoding.UTF8.GetBytes(huge));
        reader.Observe("data: {\"usage\":{\"output_tokens\":5}}\n"u8);

        Assert.Null(usage.InputTokens);
        Assert.Equal(5, usage.OutputTokens);
    }

    [Fact]
    public void Json_ChunkedBody_ReadAtCompletion()
    {
        var usage = new LlmUsage();
        using var reader = new JsonUsageReader(usage);
        var body = "{\"model\":\"gpt-x\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":7}}"u8.ToArray();

        reader.Observe(body.AsSpan(0, 10));
        reader.Observe(body.AsSpan(10));
        Assert.Null(usage.InputTokens);
        reader.Complete();

        Assert.Equal((12L, 7L), (usage.InputTokens, usage.OutputTokens));
    }

    [Fact]
    public void Json_BodyLargerThanFirstBuffer_GrowsAndReadsUsage()
    {
        var usage = new LlmUsage();
        using var reader = new JsonUsageReader(usage);
        var body = Encoding.UTF8.GetBytes("{\"model\":\"m\",\"pad\":\"" + new string('p', 10_000) + "\",\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}");

        for (var offset = 0; offset < body.Length; offset += 1000)
        {
            reader.Observe(body.AsSpan(offset, Math.Min(1000, body.Length - offset)));
        }

        reader.Complete();

        Assert.Equal((3L, 4L, "m"), (usage.InputTokens, usage.OutputTokens, usage.ResponseModel));
    }

    [Fact]
    public void Json_CompleteTwice_SecondCompleteChangesNothing()
    {
        var usage = new LlmUsage();
        using var reader = new JsonUsageReader(usage);
        reader.Observe("{\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}"u8);
        reader.Complete();
        usage.InputTokens = 99;

        reader.Complete();

        Assert.Equal(99L, usage.InputTokens);
    }

    [Fact]
    public void Inspect_RequestBody_ReadsModelStreamAndMaxTokens()
    {
        var call = new LlmCall
        {
            RequestId = "r", Agent = new("a", "builder", "", ""), Session = "s", TokenId = "t", Method = "POST", Path = "/",
            Provider = null!, StartTimestamp = 0,
        };

        RequestInspector.Inspect("""{"messages":[{"role":"user","content":"model"}],"model":"claude-x","stream":true,"max_tokens":512}"""u8, call);

        Assert.Equal(("claude-x", true, 512L), (call.Model, call.Stream, call.MaxTokens));
    }
}
