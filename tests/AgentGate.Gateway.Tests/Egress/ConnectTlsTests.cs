using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;

namespace AgentGate.Gateway.Tests.Egress;

/// <summary>CONNECT tunnels: the TLS server name must be the CONNECT host; non-TLS tunnels are decided as tcp.</summary>
public sealed class ConnectTlsTests
{
    [Fact]
    public async Task Connect_TlsServerNameOfAnotherHost_RefusedWithAlertAndAudited()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var tunnel = await OpenTunnelAsync(env, $"{EgressEnvironment.TargetHost}:{env.Target.TlsPort}", token);
        await using var tls = new SslStream(tunnel.GetStream(), false, (_, _, _, _) => true);

        var ex = await Assert.ThrowsAnyAsync<Exception>(() => tls.AuthenticateAsClientAsync("fronted.example.com"));

        Assert.True(ex is AuthenticationException or IOException, ex.ToString());
        Assert.Equal(0, env.Target.Hits);
        var record = (await env.Host.ReadAuditAsync()).Last(r => r.Kind == "egress");
        Assert.Equal(("deny", "TLS", "agentgate.network"), (record.Decision, record.Method, record.Rule));
        Assert.Contains("tls_server_name_mismatch: the TLS server name 'fronted.example.com' is not the CONNECT host", record.Reason);
    }

    [Fact]
    public async Task Connect_TlsServerNameMatches_HandshakeAndRequestSucceed()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var tunnel = await OpenTunnelAsync(env, $"{EgressEnvironment.TargetHost}:{env.Target.TlsPort}", token);
        await using var tls = new SslStream(tunnel.GetStream(), false, (_, _, _, _) => true);

        await tls.AuthenticateAsClientAsync(EgressEnvironment.TargetHost.ToUpperInvariant());
        await tls.WriteAsync(Encoding.ASCII.GetBytes($"GET /sni HTTP/1.1\r\nHost: {EgressEnvironment.TargetHost}\r\nConnection: close\r\n\r\n"));
        var text = await new StreamReader(tls).ReadToEndAsync();

        Assert.Contains(TargetServer.Greeting + " /sni", text);
    }

    [Fact]
    public async Task Connect_PlainHttpInTunnel_DecidedAsTcpAndRelayed()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var tunnel = await OpenTunnelAsync(env, $"{EgressEnvironment.TargetHost}:{env.Target.PlainPort}", token);
        var stream = tunnel.GetStream();

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET /tcp HTTP/1.1\r\nHost: {EgressEnvironment.TargetHost}\r\nConnection: close\r\n\r\n"));
        var text = await new StreamReader(stream).ReadToEndAsync();

        Assert.Contains(TargetServer.Greeting + " /tcp", text);
        var record = (await env.Host.ReadAuditAsync()).Last(r => r.Kind == "egress");
        Assert.Equal(("allow", $"tcp://{EgressEnvironment.TargetHost}:{env.Target.PlainPort}"), (record.Decision, record.Target));
    }

    /// <summary>Sends CONNECT by hand and reads the 200 head, leaving the socket positioned at the tunnel.</summary>
    private static async Task<TcpClient> OpenTunnelAsync(EgressEnvironment env, string authority, string token)
    {
        var client = new TcpClient();
        await client.ConnectAsync(env.ProxyAddress.Host, env.ProxyAddress.Port);
        var stream = client.GetStream();
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("builder-17:" + token));
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"CONNECT {authority} HTTP/1.1\r\nHost: {authority}\r\nProxy-Authorization: Basic {auth}\r\n\r\n"));
        var head = new StringBuilder();
        var one = new byte[1];
        while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            Assert.Equal(1, await stream.ReadAsync(one));
            head.Append((char)one[0]);
        }

        Assert.StartsWith("HTTP/1.1 200", head.ToString(), StringComparison.Ordinal);
        return client;
    }
}
