using System.Net.Sockets;
using System.Text;

namespace AgentGate.Gateway.Tests.Egress;

/// <summary>Speaks CONNECT by hand, to see exactly what the gateway answers before any tunnel exists.</summary>
internal static class RawProxy
{
    public static async Task<(int Status, string Response)> ConnectAsync(Uri proxy, string authority, string? token)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(proxy.Host, proxy.Port);
        var stream = client.GetStream();
        var auth = token is null ? string.Empty : "Proxy-Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("builder-17:" + token)) + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\n{auth}\r\n"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, timeout.Token);
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        return (int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture), text);
    }

    public static string Body(string response) => response[(response.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
}
