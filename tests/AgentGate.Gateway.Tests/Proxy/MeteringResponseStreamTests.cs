using System.Buffers;
using System.IO.Pipelines;
using AgentGate.Gateway.Proxy;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Tests.Proxy;

public sealed class MeteringResponseStreamTests
{
    private static readonly byte[] Answer = """{"model":"claude-x","usage":{"input_tokens":20,"output_tokens":5}}"""u8.ToArray();

    private static (MeteringResponseStream Stream, MemoryStream Inner, Pipe Pipe, LlmUsage Usage) Create(string contentType, bool mayCoalesce)
    {
        var context = new DefaultHttpContext();
        context.Response.ContentType = contentType;
        var inner = new MemoryStream();
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0)); // nobody reads here: flushes must not wait
        var usage = new LlmUsage();
        return (new MeteringResponseStream(inner, pipe.Writer, context.Response, usage, mayCoalesce), inner, pipe, usage);
    }

    [Fact]
    public async Task WriteAsync_JsonAnswerToACallThatDidNotStream_HeldInThePipeUnflushedAndMetered()
    {
        var (stream, inner, pipe, usage) = Create("application/json; charset=utf-8", mayCoalesce: true);

        await stream.WriteAsync(Answer.AsMemory(0, 10));
        await stream.WriteAsync(Answer.AsMemory(10));
        stream.Complete();

        Assert.True(stream.Coalescing);
        Assert.Equal(0, inner.Length);
        Assert.False(pipe.Reader.TryRead(out _)); // written, not flushed: the response end sends it in one piece
        await pipe.Writer.FlushAsync();
        Assert.True(pipe.Reader.TryRead(out var result));
        Assert.Equal(Answer, result.Buffer.ToArray());
        Assert.Equal((20L, 5L), (usage.InputTokens, usage.OutputTokens));
    }

    [Fact]
    public async Task WriteAsync_LargeJsonAnswer_FlushedEveryCoalesceBytes()
    {
        var (stream, _, pipe, _) = Create("application/json", mayCoalesce: true);
        var chunk = new byte[MeteringResponseStream.CoalesceBytes / 2];

        await stream.WriteAsync(chunk);
        Assert.False(pipe.Reader.TryRead(out _));
        await stream.WriteAsync(chunk);

        Assert.True(pipe.Reader.TryRead(out var result));
        Assert.Equal(MeteringResponseStream.CoalesceBytes, result.Buffer.Length);
    }

    [Theory]
    [InlineData("text/event-stream", true)]
    [InlineData("application/x-ndjson", true)]
    [InlineData("application/json", false)]
    public async Task WriteAsync_StreamsAndStreamedCalls_WrittenThroughAtOnce(string contentType, bool mayCoalesce)
    {
        var (stream, inner, pipe, _) = Create(contentType, mayCoalesce);

        await stream.WriteAsync(Answer);

        Assert.False(stream.Coalescing);
        Assert.Equal(Answer, inner.ToArray());
        Assert.False(pipe.Reader.TryRead(out _));
    }

    [Theory]
    [InlineData("application/json", true)]
    [InlineData("Application/JSON ; charset=utf-8", true)]
    [InlineData("application/x-ndjson", false)]
    [InlineData("application/problem+json", false)]
    [InlineData("text/event-stream", false)]
    [InlineData(null, false)]
    public void IsPlainJson_MediaTypes(string? contentType, bool expected) =>
        Assert.Equal(expected, MeteringResponseStream.IsPlainJson(contentType));
}
