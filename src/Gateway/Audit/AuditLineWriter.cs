using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AgentGate.Gateway.Audit;

/// <summary>
/// Turns records into chained lines with reused buffers (one per sink writer, not thread-safe): the
/// canonical form is written once, hashed, and the line is that form with the hash appended.
/// </summary>
internal sealed class AuditLineWriter : IDisposable
{
    private static readonly byte[] HashPrefix = ",\"hash\":\""u8.ToArray();
    private static readonly byte[] LineEnd = "\"}\n"u8.ToArray();

    private readonly ArrayBufferWriter<byte> _canonical = new(1024);
    private readonly Utf8JsonWriter _json;
    private byte[] _line = new byte[1024];

    public AuditLineWriter() => _json = new Utf8JsonWriter(_canonical);

    /// <summary>Chains <paramref name="record"/> to <paramref name="prevHash"/>; the line stays valid until the next call.</summary>
    public ReadOnlyMemory<byte> Chain(AuditRecord record, string prevHash, out string hash)
    {
        _canonical.ResetWrittenCount();
        _json.Reset(_canonical);
        AuditCodec.Write(_json, record, prevHash, hash: null);
        _json.Flush();
        var canonical = _canonical.WrittenSpan;
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(canonical, digest);
        hash = Convert.ToHexStringLower(digest);

        // The canonical form without its closing brace, then ,"hash":"…"} and the newline.
        var body = canonical[..^1];
        var length = body.Length + HashPrefix.Length + hash.Length + LineEnd.Length;
        if (_line.Length < length)
        {
            _line = new byte[Math.Max(length, _line.Length * 2)];
        }

        var line = _line.AsSpan();
        body.CopyTo(line);
        var at = body.Length;
        HashPrefix.CopyTo(line[at..]);
        at += HashPrefix.Length;
        at += Encoding.ASCII.GetBytes(hash, line[at..]);
        LineEnd.CopyTo(line[at..]);
        return _line.AsMemory(0, length);
    }

    public void Dispose() => _json.Dispose();
}
