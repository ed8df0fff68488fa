using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AgentGate.Benchmarks.Egress;

/// <summary>A local TLS server (self-signed certificate) that sends <c>bytes</c> to every client, then closes.</summary>
internal sealed class TlsBlastServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly long _bytes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;

    public TlsBlastServer(string serverName, long bytes)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + serverName, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        _bytes = bytes;
        _listener.Start();
        _accept = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accept;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _certificate.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            await using var tls = new SslStream(client.GetStream());
            await tls.AuthenticateAsServerAsync(_certificate);
            var chunk = new byte[64 * 1024];
            RandomNumberGenerator.Fill(chunk);
            for (long sent = 0; sent < _bytes; sent += chunk.Length)
            {
                await tls.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, _bytes - sent)));
            }

            await tls.ShutdownAsync();
        }
    }
}
