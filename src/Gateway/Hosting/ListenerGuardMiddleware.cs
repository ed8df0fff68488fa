using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Identity;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Hosting;

/// <summary>
/// Runs after routing: an endpoint is served only on the listener its metadata names (everything else is
/// a structured 404, so the agent listener exposes nothing of the admin API), and admin endpoints that
/// require it get the admin token check.
/// </summary>
internal sealed class ListenerGuardMiddleware(RequestDelegate next, AdminCredential admin)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var required = endpoint?.Metadata.GetMetadata<ListenerMetadata>();
        if (required is null || required.Kind != ListenerOf(context))
        {
            context.SetEndpoint(null);
            return ErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, ErrorTypes.NotFound, $"no route for {context.Request.Method} {context.Request.Path}");
        }

        if (endpoint!.Metadata.GetMetadata<AdminTokenRequired>() is not null && !admin.Matches(BearerToken(context)))
        {
            return ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorTypes.Unauthenticated, "admin token required (Authorization: Bearer …)");
        }

        return next(context);
    }

    private static ListenerKind? ListenerOf(HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ListenerBindings.ConnectionItemKey, out var kind) == true
            ? (ListenerKind?)kind
            : null;

    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }
}
