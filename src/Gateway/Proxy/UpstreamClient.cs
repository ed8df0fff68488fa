using System.Net;
using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Proxy;

/// <summary>The one HTTP client used for all providers: no proxy, no redirects, no decompression, no cookies.</summary>
internal sealed class UpstreamClient : IDisposable
{
    public UpstreamClient(GatewayConfig config)
    {
        Invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = config.Proxy.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ActivityHeadersPropagator = null,
        });
    }

    public HttpMessageInvoker Invoker { get; }

    public void Dispose() => Invoker.Dispose();
}
