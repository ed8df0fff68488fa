using System.Net;
using System.Net.Sockets;
using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Egress;

/// <summary>
/// The outbound client for absolute-URI requests. It never resolves names itself: every request carries the
/// address the destination guard checked, and the connect callback dials exactly that address.
/// </summary>
internal sealed class EgressHttpClient : IDisposable
{
    public static readonly HttpRequestOptionsKey<IPAddress> AddressKey = new("agentgate.egress.address");

    public EgressHttpClient(GatewayConfig config)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = config.Proxy.ConnectTimeout,
            // A pooled connection is keyed by host:port only; keep reuse short so a changed answer is re-checked soon.
            PooledConnectionLifetime = TimeSpan.FromSeconds(30),
            ConnectCallback = ConnectAsync,
        };
        Invoker = new HttpMessageInvoker(handler);
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();

    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        if (!context.InitialRequestMessage.Options.TryGetValue(AddressKey, out var address))
        {
            throw new HttpRequestException("egress request without a checked destination address");
        }

        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
