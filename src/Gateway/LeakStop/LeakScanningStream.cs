using AgentGate.Gateway.Guards.Leaks;

namespace AgentGate.Gateway.LeakStop;

/// <summary>
/// A request body read through the leak stop while it streams. Bytes are handed on only after they were scanned
/// with full look-ahead: the last <see cref="LeakScannerOptions.CarryBytes"/> are held back until the next chunk
/// (or the end), so no part of a credential is released before it is recognised. Memory is bounded by one chunk
/// plus the carry; the scan limit (<see cref="LeakScannerOptions.MaxScanBytes"/>) is the session's.
/// A finding throws <see cref="CredentialLeakException"/> and is kept in <see cref="Finding"/>.
/// </summary>
internal sealed class LeakScanningStream(Stream inner, LeakScanSession session, int holdBack) : Stream
{
    private const int ChunkBytes = 16 * 1024;
    private byte[] _pending = new byte[holdBack + ChunkBytes];
    private int _start;
    private int _count;
    private bool _end;

    public LeakFinding? Finding { get; private set; }

    public long Released { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (true)
        {
            var releasable = _end ? _count : _count - holdBack;
            if (releasable > 0)
            {
                var n = Math.Min(buffer.Length, releasable);
                _pending.AsMemory(_start, n).CopyTo(buffer);
                _start += n;
                _count -= n;
                Released += n;
                return n;
            }

            if (_end)
            {
                return 0;
            }

            Compact();
            var read = await inner.ReadAsync(_pending.AsMemory(_start + _count, ChunkBytes), cancellationToken).ConfigureAwait(false);
            _end = read == 0;
            if (session.Scan(_pending.AsSpan(_start + _count, read), final: _end) is { } finding)
            {
                Finding = finding;
                throw new CredentialLeakException(finding);
            }

            _count += read;
        }
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Moves the held-back bytes to the front so a whole chunk fits behind them.</summary>
    private void Compact()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_pending, _start, _pending, 0, _count);
            _start = 0;
        }

        if (_count + ChunkBytes > _pending.Length)
        {
            Array.Resize(ref _pending, _count + ChunkBytes);
        }
    }
}
