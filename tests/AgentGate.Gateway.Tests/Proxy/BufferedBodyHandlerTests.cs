using System.Net.Http.Headers;
using AgentGate.Gateway.Proxy;

namespace AgentGate.Gateway.Tests.Proxy;

public sealed class BufferedBodyHandlerTests
{
    private static readonly byte[] Body = """{"model":"claude-x","max_tokens":16}"""u8.ToArray();

    private static LlmCall Call(ReadOnlyMemory<byte> body, long bytes) => new()
    {
        RequestId = "r", Agent = new("a", "builder", "", ""), Session = "s", TokenId = "t", Method = "POST", Path = "/",
        Provider = null!, StartTimestamp = 0, RequestBody = body, RequestBytes = bytes,
    };

    private static HttpRequestMessage Streamed()
    {
        var content = new StreamContent(new MemoryStream(Body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");
        content.Headers.ContentLength = Body.Length;
        content.Headers.ContentEncoding.Add("identity");
        return new HttpRequestMessage(HttpMethod.Post, "http://upstream/v1/messages") { Content = content };
    }

    [Fact]
    public async Task UseBufferedBody_WholeBodyBuffered_SendsTheInspectedBytesWithTheContentHeaders()
    {
        using var request = Streamed();

        BufferedBodyHandler.UseBufferedBody(request, Call(Body, Body.Length));

        var content = Assert.IsType<ReadOnlyMemoryContent>(request.Content);
        Assert.Equal(Body, await content.ReadAsByteArrayAsync());
        Assert.Equal("application/json; charset=utf-8", content.Headers.ContentType!.ToString());
        Assert.Equal(Body.Length, content.Headers.ContentLength);
        Assert.Equal(["identity"], content.Headers.ContentEncoding);
    }

    [Fact]
    public void UseBufferedBody_BodyNotFullyBuffered_KeepsTheStreamedContent()
    {
        using var request = Streamed();
        var streamed = request.Content;

        BufferedBodyHandler.UseBufferedBody(request, Call(Body.AsMemory(0, 10), Body.Length));

        Assert.Same(streamed, request.Content);
    }

    [Fact]
    public void UseBufferedBody_NotAModelCall_KeepsTheStreamedContent()
    {
        using var request = Streamed();
        var streamed = request.Content;

        BufferedBodyHandler.UseBufferedBody(request, call: null);

        Assert.Same(streamed, request.Content);
    }
}
