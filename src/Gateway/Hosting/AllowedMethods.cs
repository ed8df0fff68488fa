using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace AgentGate.Gateway.Hosting;

/// <summary>
/// Turns routing's bare 405 (an endpoint with no metadata and an empty body) into an answer per listener: which
/// methods the path takes on <em>this</em> listener, so a wrong method on the agent listener reveals nothing of the
/// admin API (it stays a 404) and a wrong method on an admin path still needs the admin token.
/// </summary>
internal sealed class AllowedMethods(EndpointDataSource endpoints)
{
    /// <summary>Routing's display name for the endpoint it selects when a path matched but the method did not.</summary>
    public const string RejectionDisplayName = "405 HTTP Method Not Supported";

    private Route[]? _routes;

    public static bool IsRejection(Endpoint? endpoint) => endpoint?.DisplayName == RejectionDisplayName;

    /// <summary>The methods <paramref name="path"/> answers on <paramref name="listener"/> (empty: none), and whether any of those endpoints needs the admin token.</summary>
    public (IReadOnlyList<string> Methods, bool AdminOnly) Find(ListenerKind listener, PathString path)
    {
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        var adminOnly = false;
        foreach (var route in _routes ??= Build())
        {
            if (route.Listener == listener && route.Matcher.TryMatch(path, []))
            {
                methods.UnionWith(route.Methods);
                adminOnly |= route.AdminOnly;
            }
        }

        return ([.. methods], adminOnly);
    }

    private Route[] Build()
    {
        var routes = new List<Route>();
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint is RouteEndpoint { } route
                && endpoint.Metadata.GetMetadata<ListenerMetadata>() is { } listener
                && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods)
            {
                var matcher = new TemplateMatcher(new RouteTemplate(route.RoutePattern), new RouteValueDictionary(route.RoutePattern.Defaults));
                routes.Add(new Route(listener.Kind, matcher, methods, endpoint.Metadata.GetMetadata<AdminTokenRequired>() is not null));
            }
        }

        return [.. routes];
    }

    private sealed record Route(ListenerKind Listener, TemplateMatcher Matcher, IReadOnlyList<string> Methods, bool AdminOnly);
}
