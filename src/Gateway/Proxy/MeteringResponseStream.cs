using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// A pass-through response body: every write goes straight to the client stream and every flush is
/// forwarded, so SSE events are not delayed; a copy of the bytes is shown to a usage observer chosen
/// from the response content type on the first write.
/// </summary>
internal sealed class MeteringResponseStream(Stream inner, HttpResponse response, LlmUsage usage) : Stream
{
    private IResponseObserver? _observer;
    private bool _chosen;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        inner.Write(buffer);
        Observer()?.Observe(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        Observer()?.Observe(buffer.Span);
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Ends metering: parses what a JSON body held and releases buffers.</summary>
    public void Complete()
    {
        _observer?.Complete();
        (_observer as IDisposable)?.Dispose();
        _observer = null;
    }

    private IResponseObserver? Observer()
    {
        if (!_chosen)
        {
            _chosen = true;
            var contentType = response.ContentType ?? string.Empty;
            if (contentType.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase))
            {
                _observer = new SseUsageReader(usage);
            }
            else if (contentType.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                _observer = new JsonUsageReader(usage);
            }
        }

        return _observer;
    }
}
