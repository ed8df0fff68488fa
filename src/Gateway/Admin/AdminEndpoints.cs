using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentGate.Gateway.Admin;

/// <summary>The admin listener's API: tokens, health, readiness (metrics are mapped by the host).</summary>
internal static class AdminEndpoints
{
    private const long MaxTtlSeconds = 100L * 366 * 24 * 3600;

    public static void MapAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var open = app.MapGroup(string.Empty).WithMetadata(new ListenerMetadata(ListenerKind.Admin));
        open.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        open.MapGet("/readyz", ReadyAsync);

        var admin = app.MapGroup("/admin").WithMetadata(new ListenerMetadata(ListenerKind.Admin), AdminTokenRequired.Instance);
        admin.MapPost("/tokens", IssueAsync);
        admin.MapDelete("/tokens/{id}", async (string id, TokenStore tokens, CancellationToken cancellationToken) => await tokens.RevokeAsync(id, cancellationToken)
            ? Results.Json(new { id, revoked = true })
            : Error(404, ErrorTypes.NotFound, $"token '{id}' is not known"));
    }

    private static async Task<IResult> IssueAsync(HttpContext context, TokenStore tokens)
    {
        var (request, problem) = await JsonBody.ReadAsync<TokenRequest>(context, TokenRequest.Shape);
        if (problem is not null)
        {
            return problem.ToResult();
        }

        if (string.IsNullOrWhiteSpace(request!.Agent))
        {
            return Error(400, ErrorTypes.BadRequest, "field 'agent' is required (a configured agent id)");
        }

        // Clamped, not converted blindly: TimeSpan overflows past ~2.9e11 s; the store's range check names the bound.
        var ttl = request.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(Math.Clamp(seconds, -1, MaxTtlSeconds)) : (TimeSpan?)null;
        var result = await tokens.IssueAsync(request.Agent, request.Task, ttl, context.RequestAborted);
        if (result.Token is not { } issued)
        {
            var type = result.Error!.StartsWith("agent", StringComparison.Ordinal) ? ErrorTypes.UnknownAgent : ErrorTypes.BadRequest;
            return Error(400, type, result.Error);
        }

        return Results.Json(new { token = issued.Token, id = issued.Id, expiresAt = issued.ExpiresAt }, statusCode: 201);
    }

    private static async Task<IResult> ReadyAsync(IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken)
    {
        var details = new Dictionary<string, object>(StringComparer.Ordinal);
        var ready = true;
        foreach (var check in checks)
        {
            var result = await check.CheckAsync(cancellationToken);
            ready &= result.Ready;
            details[check.Name] = new { ready = result.Ready, detail = result.Detail };
        }

        return Results.Json(new { ready, checks = details }, statusCode: ready ? 200 : 503);
    }

    private static IResult Error(int status, string type, string message) => ErrorResponse.Result(status, type, message);
}
