using System.Net;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.LeakStop;
using AgentGate.Gateway.Proxy;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace AgentGate.Gateway.Egress;

/// <summary>
/// Forward-proxy requests in absolute form (<c>GET http://host/path</c>) on the agent listener: decided as an
/// <c>egress</c> action, then forwarded to the checked address. Origin-form requests pass through.
/// </summary>
internal sealed class AbsoluteUriProxyMiddleware(RequestDelegate next, EgressDecider decider, IHttpForwarder forwarder, EgressHttpClient client, LeakStopScanner leaks)
{
    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromSeconds(100) };

    /// <summary>Origin-form requests (every model, MCP and git call) go straight on, without a state machine of their own.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return raw is null || !raw.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || !OnAgentListener(context)
            || !Uri.TryCreate(raw, UriKind.Absolute, out var uri)
            ? next(context)
            : ForwardAsync(context, raw, uri);
    }

    private async Task ForwardAsync(HttpContext context, string raw, Uri uri)
    {
        var requestId = RequestIds.Assign(context);
        var target = new EgressTarget("http", uri.IdnHost.ToLowerInvariant(), uri.Port, context.Request.Method, uri.PathAndQuery);
        var verdict = await decider.DecideAsync(context.Request.Headers["Proxy-Authorization"].ToString(), target, Outbound(raw, context.Request.Headers), requestId, context.RequestAborted);
        if (!verdict.Allowed)
        {
            if (verdict.StatusCode == StatusCodes.Status407ProxyAuthenticationRequired)
            {
                context.Response.Headers["Proxy-Authenticate"] = ProxyAuthentication.Challenge;
            }

            await ErrorResponse.WriteAsync(context, verdict.StatusCode, verdict.ErrorType!, verdict.Message!, verdict.Rule);
            return;
        }

        var body = RequestBodyLeakStop.Wrap(context, leaks, target.Host);
        if (body is { Error: { } tooLarge })
        {
            await RefuseAsync(context, verdict, target, requestId, tooLarge);
            return;
        }

        var transformer = new EgressTransformer(verdict.Address!);
        var error = await forwarder.SendAsync(context, $"http://{uri.Authority}", client.Invoker, RequestConfig, transformer);
        if (body?.Stream.Finding is { } finding)
        {
            var leak = EgressVerdict.Refuse(StatusCodes.Status403Forbidden, LeakStopScanner.ErrorType, LeakStopScanner.Describe(finding), LeakStopScanner.Rule);
            await RefuseAsync(context, verdict, target with { Path = "[withheld]" }, requestId, leak);
            return;
        }

        if (error != ForwarderError.None && !context.Response.HasStarted)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status502BadGateway, ErrorTypes.UpstreamUnavailable, $"could not reach {target.Display}: {error}");
        }
    }

    private async Task RefuseAsync(HttpContext context, EgressVerdict allowed, EgressTarget target, string requestId, EgressVerdict refusal)
    {
        await decider.RefuseLateAsync(allowed, target, refusal, requestId);
        if (!context.Response.HasStarted)
        {
            context.Response.Clear();
            await ErrorResponse.WriteAsync(context, refusal.StatusCode, refusal.ErrorType!, refusal.Message!, refusal.Rule);
        }
    }

    private static string Outbound(string raw, IHeaderDictionary headers)
    {
        var text = new System.Text.StringBuilder(raw).Append('\n');
        foreach (var (name, values) in headers)
        {
            if (!name.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                text.Append(name).Append(": ").Append(values.ToString()).Append('\n');
            }
        }

        return text.ToString();
    }

    private static bool OnAgentListener(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ListenerBindings.ConnectionItemKey, out var kind) == true
        && kind is ListenerKind.Agent;

    private sealed class EgressTransformer(IPAddress address) : HttpTransformer
    {
        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Remove("Proxy-Authorization");
            proxyRequest.Headers.Remove("Proxy-Connection");
            proxyRequest.Options.Set(EgressHttpClient.AddressKey, address);
        }
    }
}
