using System.Buffers;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using AgentGate.Gateway.Guards.Network;

namespace AgentGate.Gateway.Tests.Egress;

public sealed class TlsPeekTests
{
    [Fact]
    public async Task Parse_RealClientHello_ServerNameAndPartialNeedsMore()
    {
        var hello = await CaptureClientHelloAsync("Registry.Example.TEST");

        var peek = TlsPeek.Parse(new ReadOnlySequence<byte>(hello));

        Assert.Equal(new TlsPeek(TlsPeekKind.ClientHello, "registry.example.test"), peek);
        Assert.Equal(TlsPeekKind.NeedMore, TlsPeek.Parse(new ReadOnlySequence<byte>(hello[..(hello.Length / 2)])).Kind);
        Assert.Equal(TlsPeekKind.NeedMore, TlsPeek.Parse(new ReadOnlySequence<byte>(hello[..3])).Kind);
    }

    [Fact]
    public async Task Parse_CorruptExtensionsOrNotTls_MalformedOrNotTls()
    {
        var hello = await CaptureClientHelloAsync("a.test");
        var corrupt = hello.ToArray();
        var name = corrupt.AsSpan().IndexOf("a.test"u8);
        corrupt[name - 4] ^= 0x01; // the server_name list length no longer matches its extension

        Assert.Equal(TlsPeekKind.NotTls, TlsPeek.Parse(new ReadOnlySequence<byte>("GET / HTTP/1.1\r\n"u8.ToArray())).Kind);
        Assert.Equal(TlsPeekKind.Malformed, TlsPeek.Parse(new ReadOnlySequence<byte>([0x16, 0x03, 0x01, 0x00, 0x05, 0x02, 0, 0, 1, 0])).Kind);
        Assert.Equal(TlsPeekKind.Malformed, TlsPeek.Parse(new ReadOnlySequence<byte>([0x16, 0x07, 0x01, 0x00, 0x05])).Kind);
        Assert.Equal(TlsPeekKind.ClientHello, TlsPeek.Parse(new ReadOnlySequence<byte>(hello)).Kind);
        Assert.Equal(TlsPeekKind.Malformed, TlsPeek.Parse(new ReadOnlySequence<byte>(corrupt)).Kind);
    }

    [Theory]
    [InlineData("a.test", "a.test", null)]
    [InlineData("A.TEST", "a.test.", null)]
    [InlineData("b.test", "a.test", ServerNameRule.MismatchError)]
    [InlineData(null, "a.test", ServerNameRule.MismatchError)]
    [InlineData(null, "10.1.2.3", null)]
    public void ServerNameRule_Check(string? sni, string host, string? error)
    {
        Assert.Equal(error, ServerNameRule.Check(new TlsPeek(TlsPeekKind.ClientHello, sni?.ToLowerInvariant()), host)?.Type);
    }

    /// <summary>The bytes SslStream sends first for <paramref name="serverName"/>, caught by a loopback listener.</summary>
    private static async Task<byte[]> CaptureClientHelloAsync(string serverName)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, ((IPEndPoint)listener.LocalEndpoint).Port);
        using var server = await listener.AcceptTcpClientAsync();
        var ssl = new SslStream(client.GetStream(), false, (_, _, _, _) => true);
        var handshake = ssl.AuthenticateAsClientAsync(serverName);
        var buffer = new byte[64 * 1024];
        var total = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (TlsPeek.Parse(new ReadOnlySequence<byte>(buffer, 0, total)).Kind == TlsPeekKind.NeedMore)
        {
            total += await server.GetStream().ReadAsync(buffer.AsMemory(total), timeout.Token);
        }

        client.Close();
        await Assert.ThrowsAnyAsync<Exception>(() => handshake);
        await ssl.DisposeAsync();
        return buffer[..total];
    }
}
