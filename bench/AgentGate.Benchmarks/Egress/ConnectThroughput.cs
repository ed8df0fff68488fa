using System.Diagnostics;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;

namespace AgentGate.Benchmarks.Egress;

/// <summary>Downloads everything a <see cref="TlsBlastServer"/> sends, directly or through a CONNECT tunnel; returns bytes/s.</summary>
internal static class ConnectThroughput
{
    public static async Task<double> MeasureAsync(int serverPort, string serverName, Uri? proxy, string? token)
    {
        using var client = new TcpClient { NoDelay = true };
        var start = Stopwatch.GetTimestamp();
        await client.ConnectAsync("127.0.0.1", proxy?.Port ?? serverPort);
        var stream = client.GetStream();
        if (proxy is not null)
        {
            var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("bench:" + token));
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {serverName}:{serverPort} HTTP/1.1\r\nHost: {serverName}:{serverPort}\r\nProxy-Authorization: Basic {auth}\r\n\r\n"));
            await ReadHeadAsync(stream);
        }

        await using var tls = new SslStream(stream, false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(serverName);
        var buffer = new byte[256 * 1024];
        long total = 0;
        int n;
        while ((n = await tls.ReadAsync(buffer)) > 0)
        {
            total += n;
        }

        return total / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task ReadHeadAsync(NetworkStream stream)
    {
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stream.ReadAsync(one) == 0)
            {
                throw new InvalidOperationException("proxy closed during CONNECT: " + head);
            }

            head.Append((char)one[0]);
        }

        if (!head.ToString().StartsWith("HTTP/1.1 200", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("CONNECT refused: " + head);
        }
    }
}
