using System.Globalization;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Budgets;

/// <summary>Maps the budget admin API onto the admin listener: one line, <c>admin.MapBudgetAdmin()</c>.
/// Every limit change (and every refused one) is audited: who, which limit, old → new.</summary>
internal static class BudgetAdminEndpoints
{
    public const string AuditKind = "admin";

    private const string LimitShape = "{\"limit\":n|null,\"by\":\"…\"?}";

    public static RouteGroupBuilder MapBudgetAdmin(this IEndpointRouteBuilder endpoints, string prefix = "/admin/budgets")
    {
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/", static async (BudgetAdmin admin, CancellationToken ct) => Results.Json(await admin.GetAsync(ct)));
        group.MapPut("/limits/{id}", static async (string id, BudgetAdmin admin, HttpContext context, TimeProvider time, CancellationToken ct) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<BudgetLimitUpdate>(context, LimitShape);
            if (problem is not null)
            {
                return problem.ToResult();
            }

            var change = await admin.SetLimitAsync(id, body!.Limit, ct);
            await AuditAsync(context, id, body, change, time);
            return change.Error is null
                ? Results.Json(new { id, limit = body.Limit, old = change.Old, effective = change.New })
                : ErrorResponse.Result(StatusCodes.Status400BadRequest, ErrorTypes.BadRequest, change.Error);
        });
        return group;
    }

    private static async Task AuditAsync(HttpContext context, string id, BudgetLimitUpdate body, BudgetLimitChange change, TimeProvider time)
    {
        if (context.RequestServices.GetService<IAuditSink>() is not { } audit)
        {
            return;
        }

        var who = $"{(string.IsNullOrWhiteSpace(body.By) ? "admin" : body.By)} from {context.Connection.RemoteIpAddress}";
        await audit.WriteAsync(new AuditRecord
        {
            Time = time.GetUtcNow(),
            RequestId = "bud-" + Guid.NewGuid().ToString("N")[..16],
            Kind = AuditKind,
            Method = "PUT",
            Target = "budget limit " + id,
            Decision = change.Error is null ? AuditDecisions.Allow : AuditDecisions.Deny,
            Reason = change.Error is null
                ? $"limit {id}: {Show(change.Old)} -> {Show(change.New)} by {who}"
                : $"{ErrorTypes.BadRequest}: {change.Error} (by {who})",
        }, CancellationToken.None);
    }

    private static string Show(decimal? limit) => limit?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";
}
