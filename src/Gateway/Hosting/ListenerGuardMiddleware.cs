using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Identity;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Hosting;

/// <summary>
/// Runs after routing: an endpoint is served only on the listener its metadata names (everything else is
/// a structured 404, so the agent listener exposes nothing of the admin API), and admin endpoints that
/// require it get the admin token check. A known path with the wrong method is a structured 405 naming the
/// methods this listener takes. Refusals on the agent listener are audited, like every agent call.
/// </summary>
internal sealed class ListenerGuardMiddleware(RequestDelegate next, AdminCredential admin, AllowedMethods allowed, IAuditSink audit, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var required = endpoint?.Metadata.GetMetadata<ListenerMetadata>();
        var listener = ListenerOf(context);
        if (AllowedMethods.IsRejection(endpoint) && listener is { } kind)
        {
            context.SetEndpoint(null);
            return WrongMethodAsync(context, kind);
        }

        if (required is null || required.Kind != listener)
        {
            context.SetEndpoint(null);
            return NotFoundAsync(context, listener);
        }

        if (endpoint!.Metadata.GetMetadata<AdminTokenRequired>() is not null && !admin.Matches(BearerToken(context)))
        {
            return UnauthenticatedAsync(context);
        }

        return next(context);
    }

    private Task NotFoundAsync(HttpContext context, ListenerKind? listener) =>
        RefuseAsync(context, listener, StatusCodes.Status404NotFound, ErrorTypes.NotFound, $"no route for {context.Request.Method} {context.Request.Path}");

    private static Task UnauthenticatedAsync(HttpContext context) =>
        ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorTypes.Unauthenticated, "admin token required (Authorization: Bearer …)");

    private async Task WrongMethodAsync(HttpContext context, ListenerKind listener)
    {
        var (methods, adminOnly) = allowed.Find(listener, context.Request.Path);
        if (methods.Count == 0)
        {
            await NotFoundAsync(context, listener);
            return;
        }

        if (adminOnly && !admin.Matches(BearerToken(context)))
        {
            await UnauthenticatedAsync(context);
            return;
        }

        var allow = string.Join(", ", methods);
        var message = $"{context.Request.Path} does not take {context.Request.Method}; allowed: {allow}";
        context.Response.Headers.Allow = allow;
        await RefuseAsync(context, listener, StatusCodes.Status405MethodNotAllowed, ErrorTypes.MethodNotAllowed, message);
    }

    /// <summary>Answers a request no endpoint takes; on the agent listener it is audited like every agent call.</summary>
    private async Task RefuseAsync(HttpContext context, ListenerKind? listener, int status, string type, string message)
    {
        if (listener == ListenerKind.Agent)
        {
            var requestId = Proxy.RequestIds.Assign(context);
            await audit.WriteAsync(new AuditRecord
            {
                Time = time.GetUtcNow(),
                RequestId = requestId,
                Kind = UnhandledErrorMiddleware.Kind,
                Method = context.Request.Method,
                Target = context.Request.Path.Value,
                Decision = AuditDecisions.Deny,
                Reason = type + ": " + message,
            }, CancellationToken.None);
        }

        await ErrorResponse.WriteAsync(context, status, type, message);
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
