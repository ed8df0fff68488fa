using System.Buffers;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// Wraps an upstream server-sent-event body on its way to YARP. Bytes are released event by event (a
/// provider flushes whole events, so this adds no delay), each event's output is counted by the
/// <see cref="StreamGuard"/>, and when a budget runs out the offending event is dropped, a final error event
/// follows the last complete one, the upstream body is closed (so generation stops) and the stream ends
/// cleanly — the agent sees a well-formed stream that ends with the error.
/// </summary>
internal sealed class BudgetedSseStream(Stream inner, StreamGuard guard) : Stream
{
    /// <summary>An event longer than this is released before its end (and cannot be cut cleanly).</summary>
    private const int MaxHeldBytes = 1024 * 1024;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
    private int _emit;
    private int _ready;
    private int _end;
    private int _scan;
    private bool _midEvent;
    private byte[]? _final;
    private int _finalOffset;
    private bool _eof;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_emit < _ready)
            {
                var n = Math.Min(destination.Length, _ready - _emit);
                _buffer.AsSpan(_emit, n).CopyTo(destination.Span);
                _emit += n;
                return n;
            }

            if (_final is not null)
            {
                var n = Math.Min(destination.Length, _final.Length - _finalOffset);
                _final.AsSpan(_finalOffset, n).CopyTo(destination.Span);
                _finalOffset += n;
                _final = _finalOffset == _final.Length ? null : _final;
                return n;
            }

            if (_eof)
            {
                return 0;
            }

            Compact();
            var read = await inner.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                _eof = true;
                _ready = _end;
                continue;
            }

            _end += read;
            await ReleaseCompleteEventsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            inner.Dispose();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    private async ValueTask ReleaseCompleteEventsAsync(CancellationToken cancellationToken)
    {
        var from = Math.Max(_scan, _ready);
        int boundary;
        while ((boundary = FindBoundary(from)) > 0)
        {
            var tokens = SseOutputCounter.Estimate(_buffer.AsSpan(_ready, boundary - _ready));
            if (tokens > 0 && await guard.AddOutputAsync(tokens, cancellationToken).ConfigureAwait(false) is { } rejection)
            {
                Stop(rejection);
                return;
            }

            _ready = from = boundary;
            _midEvent = false;
        }

        _scan = Math.Max(_ready, _end - 2);
        if (_end - _ready > MaxHeldBytes)
        {
            _ready = _scan = _end;
            _midEvent = true;
        }
    }

    /// <summary>The end of the first blank line (<c>\n\n</c> or <c>\n\r\n</c>) at or after <paramref name="from"/>, or -1.</summary>
    private int FindBoundary(int from)
    {
        while (from < _end)
        {
            var newline = _buffer.AsSpan(from, _end - from).IndexOf((byte)'\n');
            if (newline < 0)
            {
                return -1;
            }

            var p = from + newline;
            if (p + 1 < _end && _buffer[p + 1] == (byte)'\n')
            {
                return p + 2;
            }

            if (p + 2 < _end && _buffer[p + 1] == (byte)'\r' && _buffer[p + 2] == (byte)'\n')
            {
                return p + 3;
            }

            from = p + 1;
        }

        return -1;
    }

    private void Stop(BudgetRejection rejection)
    {
        var final = StreamStopEvent.Format(guard.ProviderType, rejection);
        _final = _midEvent ? [(byte)'\n', (byte)'\n', .. final] : final;
        _end = _ready;
        _eof = true;
        inner.Dispose();
    }

    /// <summary>Moves held bytes to the front (everything before them was handed out) and grows when full.</summary>
    private void Compact()
    {
        var held = _end - _ready;
        if (_ready > 0)
        {
            Buffer.BlockCopy(_buffer, _ready, _buffer, 0, held);
            _scan -= _ready;
            _end = held;
            _emit = _ready = 0;
        }

        if (_end == _buffer.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, bigger, 0, _end);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = bigger;
        }
    }
}
