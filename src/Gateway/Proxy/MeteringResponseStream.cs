using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// A pass-through response body: a copy of the bytes is shown to a usage observer chosen from the response
/// content type on the first write. Every write and flush of a stream (SSE, or anything but a plain JSON
/// answer) goes straight to the client, so events are not delayed. The JSON answer to a call that did not ask
/// to stream is written to the response pipe without a flush per write (flushed every
/// <see cref="CoalesceBytes"/> and when the response ends), so the head, body and end of a small answer leave
/// in one send instead of two or three.
/// </summary>
internal sealed class MeteringResponseStream(Stream inner, PipeWriter pipe, HttpResponse response, LlmUsage usage, bool mayCoalesce) : Stream
{
    /// <summary>A coalesced body is flushed whenever this much is waiting (memory stays bounded).</summary>
    public const int CoalesceBytes = 64 * 1024;

    private IResponseObserver? _observer;
    private bool _chosen;
    private bool _coalesce;
    private int _pending;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>True once the body is being coalesced (a plain JSON answer to a call that did not stream).</summary>
    public bool Coalescing => _coalesce;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var observer = Observer();
        inner.Write(buffer);
        observer?.Observe(buffer);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var observer = Observer();
        if (!_coalesce)
        {
            return WriteThroughAsync(buffer, observer, cancellationToken);
        }

        pipe.Write(buffer.Span);
        observer?.Observe(buffer.Span);
        _pending += buffer.Length;
        if (_pending < CoalesceBytes)
        {
            return ValueTask.CompletedTask;
        }

        _pending = 0;
        return FlushPipeAsync(cancellationToken);
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

    /// <summary>A JSON answer, not NDJSON or another streaming type: nobody can use part of it early.</summary>
    internal static bool IsPlainJson(string? contentType)
    {
        var mediaType = contentType.AsSpan();
        var semicolon = mediaType.IndexOf(';');
        if (semicolon >= 0)
        {
            mediaType = mediaType[..semicolon];
        }

        return mediaType.Trim().Equals("application/json", StringComparison.OrdinalIgnoreCase);
    }

    private async ValueTask WriteThroughAsync(ReadOnlyMemory<byte> buffer, IResponseObserver? observer, CancellationToken cancellationToken)
    {
        await inner.WriteAsync(buffer, cancellationToken);
        observer?.Observe(buffer.Span);
    }

    private async ValueTask FlushPipeAsync(CancellationToken cancellationToken) => await pipe.FlushAsync(cancellationToken);

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
                _coalesce = mayCoalesce && IsPlainJson(contentType);
            }
        }

        return _observer;
    }
}
