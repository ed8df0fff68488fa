using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentGate.Gateway.Budgets;

/// <summary>Maps the budget admin API onto the admin listener: one line, <c>admin.MapBudgetAdmin()</c>.</summary>
internal static class BudgetAdminEndpoints
{
    public static RouteGroupBuilder MapBudgetAdmin(this IEndpointRouteBuilder endpoints, string prefix = "/admin/budgets")
    {
        var group = endpoints.MapGroup(prefix);
        group.MapGet("/", static async (BudgetAdmin admin, CancellationToken ct) => Results.Json(await admin.GetAsync(ct)));
        group.MapPut("/limits/{id}", static async (string id, BudgetLimitUpdate body, BudgetAdmin admin, CancellationToken ct) =>
        {
            var error = await admin.SetLimitAsync(id, body.Limit, ct);
            return error is null
                ? Results.Json(new { id, limit = body.Limit })
                : Errors.ErrorResponse.Result(StatusCodes.Status400BadRequest, "invalid_request", error);
        });
        return group;
    }
}
