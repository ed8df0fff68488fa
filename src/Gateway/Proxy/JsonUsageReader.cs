using System.Buffers;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// Keeps a copy of a JSON response body (up to <see cref="MaxBytes"/>) while it is relayed and reads usage
/// from it once complete. Bodies above the bound are relayed untouched and simply not metered.
/// </summary>
internal sealed class JsonUsageReader(LlmUsage usage) : IResponseObserver, IDisposable
{
    public const int MaxBytes = 8 * 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _body = new(4096);
    private bool _overflow;

    public void Observe(ReadOnlySpan<byte> chunk)
    {
        if (_overflow)
        {
            return;
        }

        if (_body.WrittenCount + chunk.Length > MaxBytes)
        {
            _overflow = true;
            _body.Clear();
            return;
        }

        _body.Write(chunk);
    }

    public void Complete()
    {
        if (!_overflow && _body.WrittenCount > 0)
        {
            UsageExtractor.Apply(_body.WrittenSpan, usage);
        }

        _body.Clear();
    }

    public void Dispose() => _body.Clear();
}
