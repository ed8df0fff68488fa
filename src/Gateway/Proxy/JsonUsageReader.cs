using System.Buffers;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// Keeps a copy of a JSON response body (up to <see cref="MaxBytes"/>) in a pooled buffer while it is
/// relayed and reads usage from it once complete. Bodies above the bound are relayed untouched and
/// simply not metered.
/// </summary>
internal sealed class JsonUsageReader(LlmUsage usage) : IResponseObserver, IDisposable
{
    public const int MaxBytes = 8 * 1024 * 1024;

    private byte[] _body = [];
    private int _length;
    private bool _overflow;

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        if (_overflow || chunk.IsEmpty)
        {
            return;
        }

        if (_length + chunk.Length > MaxBytes)
        {
            _overflow = true;
            Release();
            return;
        }

        if (_length + chunk.Length > _body.Length)
        {
            var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + chunk.Length, Math.Max(4096, _body.Length * 2)));
            _body.AsSpan(0, _length).CopyTo(bigger);
            Return();
            _body = bigger;
        }

        chunk.CopyTo(_body.AsSpan(_length));
        _length += chunk.Length;
    }

    public void Complete()
    {
        if (!_overflow && _length > 0)
        {
            UsageExtractor.Apply(_body.AsSpan(0, _length), usage);
        }

        Release();
    }

    public void Dispose() => Release();

    private void Release()
    {
        Return();
        _body = [];
        _length = 0;
    }

    private void Return()
    {
        if (_body.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_body);
        }
    }
}
