using System.Buffers;
using System.Globalization;
using System.Text;

namespace AgentGate.Gateway.Guards.Git;

/// <summary>git pkt-line framing: 4 hex digits of length (including themselves), "0000" flush.</summary>
internal static class PktLine
{
    public const int MaxLength = 65520;

    public static byte[] Encode(ReadOnlySpan<byte> payload)
    {
        if (payload.Length + 4 > MaxLength)
        {
            throw new ArgumentException("pkt-line payload too long", nameof(payload));
        }

        var buf = new byte[payload.Length + 4];
        Encoding.ASCII.GetBytes((payload.Length + 4).ToString("x4", CultureInfo.InvariantCulture), buf);
        payload.CopyTo(buf.AsSpan(4));
        return buf;
    }

    public static byte[] Encode(string text) => Encode(Encoding.UTF8.GetBytes(text));

    public static readonly byte[] Flush = "0000"u8.ToArray();

    /// <summary>Reads one pkt-line exactly; returns null payload for flush/delim. Appends raw bytes to <paramref name="consumed"/>.</summary>
    public static async ValueTask<(bool Ok, byte[]? Payload, string? Error)> ReadAsync(Stream stream, ArrayBufferWriter<byte> consumed, CancellationToken cancellationToken)
    {
        var header = new byte[4];
        if (!await FillAsync(stream, header, cancellationToken).ConfigureAwait(false))
        {
            return (false, null, "unexpected end of request in pkt-line header");
        }

        consumed.Write(header);
        if (!int.TryParse(Encoding.ASCII.GetString(header), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var len))
        {
            return (false, null, "malformed pkt-line length");
        }

        if (len is 0 or 1 or 2)
        {
            return (true, null, null);
        }

        if (len < 4 || len > MaxLength)
        {
            return (false, null, $"invalid pkt-line length {len}");
        }

        var payload = new byte[len - 4];
        if (!await FillAsync(stream, payload, cancellationToken).ConfigureAwait(false))
        {
            return (false, null, "unexpected end of request in pkt-line");
        }

        consumed.Write(payload);
        return (true, payload, null);
    }

    private static async ValueTask<bool> FillAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
