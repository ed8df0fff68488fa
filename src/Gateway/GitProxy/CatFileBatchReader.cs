using System.Globalization;
using System.Text;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// Reads <c>git cat-file --batch</c> output (<c>&lt;id&gt; &lt;type&gt; &lt;size&gt;\n&lt;content&gt;\n</c> per object)
/// with one fixed buffer: an object's content is handed out chunk by chunk, never held whole.
/// </summary>
internal sealed class CatFileBatchReader(Stream stream)
{
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private long _remaining;
    private bool _trailingNewline;

    /// <summary>The next object's header; null at the end of the output. Unread content of the previous object is skipped.</summary>
    public async ValueTask<PushObject?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        while (_remaining > 0)
        {
            if ((await ReadContentAsync(cancellationToken).ConfigureAwait(false)).IsEmpty)
            {
                return null;
            }
        }

        if (_trailingNewline)
        {
            if (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            _start++;
            _trailingNewline = false;
        }

        while (true)
        {
            var newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            if (newline >= 0)
            {
                var line = Encoding.ASCII.GetString(_buffer, _start, newline - _start);
                _start = newline + 1;
                var parts = line.Split(' ');
                if (parts.Length == 3 && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                {
                    _remaining = size;
                    _trailingNewline = true;
                    return new PushObject(parts[0], parts[1], size);
                }

                return new PushObject(parts[0], "missing", -1);
            }

            if (_start == 0 && _end == _buffer.Length)
            {
                throw new InvalidDataException("git cat-file printed a header line longer than its buffer");
            }

            if (!await FillAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
        }
    }

    /// <summary>The next chunk of the current object's content (valid until the next call); empty when it is done.</summary>
    public async ValueTask<ReadOnlyMemory<byte>> ReadContentAsync(CancellationToken cancellationToken)
    {
        if (_remaining == 0 || (_start == _end && !await FillAsync(cancellationToken).ConfigureAwait(false)))
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var n = (int)Math.Min(_end - _start, _remaining);
        var chunk = _buffer.AsMemory(_start, n);
        _start += n;
        _remaining -= n;
        return chunk;
    }

    public long Remaining => _remaining;

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read > 0;
    }
}
