using System.Buffers;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// Splits a server-sent-event stream into lines as bytes flow and hands <c>data:</c> payloads that carry
/// usage (or the model) to <see cref="UsageExtractor"/>. Memory is bounded by the longest line kept
/// (<see cref="MaxLineBytes"/>); longer lines are skipped, never buffered.
/// </summary>
internal sealed class SseUsageReader(LlmUsage usage) : IResponseObserver, IDisposable
{
    public const int MaxLineBytes = 1024 * 1024;

    private byte[] _line = ArrayPool<byte>.Shared.Rent(4096);
    private int _length;
    private bool _overflow;

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf((byte)'\n');
            var part = newline < 0 ? chunk : chunk[..newline];
            Append(part);
            if (newline < 0)
            {
                return;
            }

            if (!_overflow)
            {
                ProcessLine(_line.AsSpan(0, _length));
            }

            _length = 0;
            _overflow = false;
            chunk = chunk[(newline + 1)..];
        }
    }

    public void Complete()
    {
        if (_length > 0 && !_overflow)
        {
            ProcessLine(_line.AsSpan(0, _length));
        }

        _length = 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_line);
        _line = [];
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_overflow || part.IsEmpty)
        {
            return;
        }

        if (_length + part.Length > MaxLineBytes)
        {
            _overflow = true;
            return;
        }

        if (_length + part.Length > _line.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_line.Length * 2, _length + part.Length));
            _line.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_line);
            _line = bigger;
        }

        part.CopyTo(_line.AsSpan(_length));
        _length += part.Length;
    }

    private void ProcessLine(ReadOnlySpan<byte> line)
    {
        if (!line.IsEmpty && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        if (!line.StartsWith("data:"u8))
        {
            return;
        }

        var payload = line[5..].TrimStart((byte)' ');
        if (payload.IsEmpty || payload[0] != (byte)'{')
        {
            return;
        }

        // Most stream events are content deltas; parse only the few that can carry usage or the model.
        if (payload.IndexOf("\"usage\""u8) >= 0 || (usage.ResponseModel is null && payload.IndexOf("\"model\""u8) >= 0))
        {
            UsageExtractor.Apply(payload, usage);
        }
    }
}
