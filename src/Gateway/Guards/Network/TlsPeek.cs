using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace AgentGate.Gateway.Guards.Network;

/// <summary>
/// Reads the server name (SNI) from the TLS ClientHello at the start of a tunnel without consuming anything.
/// The handshake message may span several records; at most <see cref="MaxBytes"/> are looked at.
/// </summary>
internal sealed record TlsPeek(TlsPeekKind Kind, string? ServerName = null)
{
    public const int MaxBytes = 64 * 1024;
    private const byte Handshake = 0x16;
    private const byte ClientHelloType = 0x01;

    public static TlsPeek Parse(ReadOnlySequence<byte> data)
    {
        if (data.Length == 0)
        {
            return new(TlsPeekKind.NeedMore);
        }

        var bytes = data.Length > MaxBytes ? data.Slice(0, MaxBytes).ToArray() : data.ToArray();
        if (bytes[0] != Handshake)
        {
            return new(TlsPeekKind.NotTls);
        }

        // Concatenate handshake-record payloads until the ClientHello message is complete.
        var message = new List<byte>();
        var offset = 0;
        while (true)
        {
            if (message.Count >= 4 && message.Count >= 4 + Length24(message, 1))
            {
                break;
            }

            if (offset + 5 > bytes.Length)
            {
                return data.Length >= MaxBytes ? new(TlsPeekKind.Malformed) : new(TlsPeekKind.NeedMore);
            }

            if (bytes[offset] != Handshake || bytes[offset + 1] != 0x03)
            {
                return new(TlsPeekKind.Malformed);
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(offset + 3));
            if (length is 0 or > 16384 + 2048)
            {
                return new(TlsPeekKind.Malformed);
            }

            if (offset + 5 + length > bytes.Length)
            {
                return data.Length >= MaxBytes ? new(TlsPeekKind.Malformed) : new(TlsPeekKind.NeedMore);
            }

            message.AddRange(bytes.AsSpan(offset + 5, length));
            offset += 5 + length;
        }

        if (message[0] != ClientHelloType)
        {
            return new(TlsPeekKind.Malformed);
        }

        var hello = message.ToArray().AsSpan(4, Length24(message, 1));
        return FindServerName(hello, out var name) ? new(TlsPeekKind.ClientHello, name) : new(TlsPeekKind.Malformed);
    }

    private static int Length24(List<byte> b, int at) => (b[at] << 16) | (b[at + 1] << 8) | b[at + 2];

    /// <summary>Walks version, random, session id, cipher suites, compression methods, then the extensions.</summary>
    private static bool FindServerName(ReadOnlySpan<byte> hello, out string? name)
    {
        name = null;
        var p = 2 + 32;
        if (!Skip(hello, ref p, 1) || !Skip(hello, ref p, 2) || !Skip(hello, ref p, 1))
        {
            return false;
        }

        if (p == hello.Length)
        {
            return true;
        }

        if (p + 2 > hello.Length)
        {
            return false;
        }

        var end = p + 2 + BinaryPrimitives.ReadUInt16BigEndian(hello[p..]);
        p += 2;
        if (end > hello.Length)
        {
            return false;
        }

        while (p + 4 <= end)
        {
            var type = BinaryPrimitives.ReadUInt16BigEndian(hello[p..]);
            var length = BinaryPrimitives.ReadUInt16BigEndian(hello[(p + 2)..]);
            p += 4;
            if (p + length > end)
            {
                return false;
            }

            if (type == 0)
            {
                return HostName(hello.Slice(p, length), out name);
            }

            p += length;
        }

        return p == end;
    }

    private static bool HostName(ReadOnlySpan<byte> ext, out string? name)
    {
        name = null;
        if (ext.Length < 5 || BinaryPrimitives.ReadUInt16BigEndian(ext) != ext.Length - 2 || ext[2] != 0)
        {
            return false;
        }

        var length = BinaryPrimitives.ReadUInt16BigEndian(ext[3..]);
        if (5 + length > ext.Length || length == 0)
        {
            return false;
        }

        var raw = ext.Slice(5, length);
        foreach (var c in raw)
        {
            if (c is < 0x21 or > 0x7e)
            {
                return false;
            }
        }

        name = Encoding.ASCII.GetString(raw).TrimEnd('.').ToLowerInvariant();
        return true;
    }

    private static bool Skip(ReadOnlySpan<byte> s, ref int p, int lengthBytes)
    {
        if (p + lengthBytes > s.Length)
        {
            return false;
        }

        var n = lengthBytes == 1 ? s[p] : BinaryPrimitives.ReadUInt16BigEndian(s[p..]);
        p += lengthBytes + n;
        return p <= s.Length;
    }
}
