using System.Net.Http.Headers;
using AgentGate.Gateway.Config;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// Rewrites a request for one provider: drops the agent's token and any gateway-only header, injects the
/// provider's real credential in that provider's header, and maps <c>/llm/{name}/rest</c> to <c>BaseUrl/rest</c>.
/// </summary>
internal sealed class ProviderTransformer(ProviderRoute route) : HttpTransformer
{
    public const string SessionHeader = "x-agentgate-session";
    public const string TaskHeader = "x-agentgate-task";

    private readonly PathString _prefix = new("/llm/" + route.Name);

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        var headers = proxyRequest.Headers;
        headers.Remove("x-api-key");
        headers.Authorization = null;
        headers.Remove(SessionHeader);
        headers.Remove(TaskHeader);

        // Usage is read from the body as it streams by, which needs an uncompressed response.
        headers.AcceptEncoding.Clear();

        if (route.Type == ProviderType.Anthropic)
        {
            headers.TryAddWithoutValidation("x-api-key", route.Credential);
        }
        else
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", route.Credential);
        }

        var path = httpContext.Request.Path;
        path.StartsWithSegments(_prefix, StringComparison.Ordinal, out var remaining);
        proxyRequest.RequestUri = RequestUtilities.MakeDestinationAddress(destinationPrefix, remaining, httpContext.Request.QueryString);
    }
}
