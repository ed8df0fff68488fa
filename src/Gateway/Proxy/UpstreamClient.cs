using System.Net;
using AgentGate.Gateway.Budgets;
using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// The one HTTP client used for all providers: no proxy, no redirects, no decompression, no cookies; a model
/// call's buffered body is sent from memory (<see cref="BufferedBodyHandler"/>).
/// With budgets on, the handler chain starts with <see cref="UpstreamRetryHandler"/>, which retries
/// upstream overload answers before YARP sees them and meters streamed output against the budget.
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    private static readonly AsyncLocal<LlmCall?> Current = new();

    public UpstreamClient(GatewayConfig config, UpstreamRetryHandler? retry = null)
    {
        HttpMessageHandler sockets = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = config.Proxy.ConnectTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ActivityHeadersPropagator = null,

            // A body disposed early (client gone, stream stopped by a budget) closes the connection at once,
            // so the provider stops generating, instead of being drained for reuse.
            MaxResponseDrainSize = 0,
        };
        HttpMessageHandler inner = new BufferedBodyHandler { InnerHandler = sockets };
        if (retry is not null)
        {
            retry.InnerHandler = inner;
        }

        Invoker = new HttpMessageInvoker(retry ?? inner);
    }

    public HttpMessageInvoker Invoker { get; }

    /// <summary>
    /// The model call being forwarded on this async flow. The proxy sets it right before handing the
    /// request to YARP; the provider transformer and the handler chain read it to find the buffered body and the
    /// call's reservation.
    /// It flows into the send and is reverted when the proxy's forwarding method returns.
    /// </summary>
    public static LlmCall? CurrentCall
    {
        get => Current.Value;
        set => Current.Value = value;
    }

    public void Dispose() => Invoker.Dispose();
}
