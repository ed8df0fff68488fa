using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace AgentGate.Gateway.Tests.Egress;

/// <summary>
/// Serves one HTTP/1.1 request on a raw listener and records every byte that arrived, so a test can prove what
/// reached the destination (a leaked token, or an intact body). Answers with the body's length and SHA-256.
/// </summary>
internal static class RawHttpSink
{
    public static async Task<byte[]> ServeOneAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        using var client = await listener.AcceptTcpClientAsync(cancellationToken);
        var stream = client.GetStream();
        var received = new MemoryStream();
        var buffer = new byte[64 * 1024];
        int headEnd;
        while ((headEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var n = await stream.ReadAsync(buffer, cancellationToken);
            if (n == 0)
            {
                return received.ToArray();
            }

            received.Write(buffer, 0, n);
        }

        var head = Encoding.ASCII.GetString(received.GetBuffer(), 0, headEnd);
        var length = head.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => long.Parse(p[1].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();
        try
        {
            while (received.Length < headEnd + 4 + length)
            {
                var n = await stream.ReadAsync(buffer, cancellationToken);
                if (n == 0)
                {
                    return received.ToArray();
                }

                received.Write(buffer, 0, n);
            }
        }
        catch (IOException)
        {
            return received.ToArray();
        }

        var body = received.ToArray().AsSpan(headEnd + 4);
        var reply = $"{body.Length} {Convert.ToHexStringLower(SHA256.HashData(body))}";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Length: {reply.Length}\r\nConnection: close\r\n\r\n{reply}"), cancellationToken);
        return received.ToArray();
    }

    private static int IndexOf(MemoryStream data, ReadOnlySpan<byte> needle) => data.GetBuffer().AsSpan(0, (int)data.Length).IndexOf(needle);
}
