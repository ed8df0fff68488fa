using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Tests.Egress;

/// <summary>The destination the agent wants to reach: Kestrel on 127.0.0.1 with a TLS port (self-signed) and a plain port.</summary>
internal sealed class TargetServer : IAsyncDisposable
{
    public const string Greeting = "hello from target";

    private readonly WebApplication _app;

    private TargetServer(WebApplication app, int tlsPort, int plainPort)
    {
        _app = app;
        TlsPort = tlsPort;
        PlainPort = plainPort;
    }

    public int TlsPort { get; }
    public int PlainPort { get; }
    public int Hits { get; private set; }

    public static async Task<TargetServer> StartAsync()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=egress-target.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var cert = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, o => o.UseHttps(cert));
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        TargetServer? server = null;
        app.Run(async context =>
        {
            server!.Hits++;
            await context.Response.WriteAsync(Greeting + " " + context.Request.Path + " proxy-auth:" + context.Request.Headers.ContainsKey("Proxy-Authorization"));
        });
        await app.StartAsync();
        var ports = app.Urls.Select(u => new Uri(u)).ToList();
        server = new TargetServer(app, ports.First(u => u.Scheme == "https").Port, ports.First(u => u.Scheme == "http").Port);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
