namespace AgentGate.Gateway.Proxy;

/// <summary>
/// Last handler before the sockets: a model call's body, already read in full and inspected by the proxy, is
/// sent from memory instead of through YARP's streamed copy. The request line, headers and a small body then
/// leave in one write; the streamed copy flushes the headers on their own first, one more send per call.
/// </summary>
internal sealed class BufferedBodyHandler : DelegatingHandler
{
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        UseBufferedBody(request, UpstreamClient.CurrentCall);
        return base.Send(request, cancellationToken);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        UseBufferedBody(request, UpstreamClient.CurrentCall);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>Replaces a streamed body with the bytes that were read and inspected, when all of them were.</summary>
    internal static void UseBufferedBody(HttpRequestMessage request, LlmCall? call)
    {
        if (request.Content is not { } streamed || streamed is ReadOnlyMemoryContent || call is null
            || call.RequestBytes == 0 || call.RequestBody.Length != call.RequestBytes)
        {
            return;
        }

        var buffered = new ReadOnlyMemoryContent(call.RequestBody);
        foreach (var (name, values) in streamed.Headers.NonValidated)
        {
            // The length is the buffer's; every other content header (type, encoding) is carried over.
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                foreach (var value in values)
                {
                    buffered.Headers.TryAddWithoutValidation(name, value);
                }
            }
        }

        request.Content = buffered;
    }
}
