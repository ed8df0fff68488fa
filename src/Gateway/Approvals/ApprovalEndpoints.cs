using System.Text.Json;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentGate.Gateway.Approvals;

/// <summary>
/// <c>GET /admin/approvals</c>, <c>POST /admin/approvals/{id}/approve|deny</c> on the admin listener
/// (agents cannot reach it). The body names the human: <c>{"approver":"alice","comment":"…"}</c>.
/// Every decision is audited.
/// </summary>
internal static class ApprovalEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void MapApprovals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/approvals").WithMetadata(new ListenerMetadata(ListenerKind.Admin), AdminTokenRequired.Instance);
        group.MapGet("/", (ApprovalStore store) => Results.Json(new { approvals = store.List().Select(View) }));
        group.MapGet("/{id}", (string id, ApprovalStore store) => store.Get(id) is { } a
            ? Results.Json(View(a))
            : ErrorResponse.Result(404, ErrorTypes.NotFound, $"approval '{id}' is not known"));
        group.MapPost("/{id}/approve", (HttpContext c, string id, ApprovalStore s, IAuditSink a, TimeProvider t) => DecideAsync(c, id, true, s, a, t));
        group.MapPost("/{id}/deny", (HttpContext c, string id, ApprovalStore s, IAuditSink a, TimeProvider t) => DecideAsync(c, id, false, s, a, t));
    }

    private static async Task DecideAsync(HttpContext context, string id, bool approve, ApprovalStore store, IAuditSink audit, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<ApprovalRequestBody>(context, "{\"approver\":\"…\",\"comment\":\"…\"?}");
        if (problem is not null)
        {
            await problem.WriteAsync(context);
            return;
        }

        var approver = body?.Approver ?? string.Empty;
        var error = store.Decide(id, approver, approve, body?.Comment);
        var approval = store.Get(id);
        await audit.WriteAsync(new AuditRecord
        {
            Time = time.GetUtcNow(),
            RequestId = "apr-" + id,
            Agent = approval?.Agent,
            Task = approval?.Task,
            Kind = "approval",
            Method = approve ? "approve" : "deny",
            Target = approval?.Kind,
            Decision = error is null ? AuditDecisions.Allow : AuditDecisions.Deny,
            Reason = error is null ? $"{(approve ? "approved" : "denied")} by {approver}" : $"{error.Type}: {error.Message} (by {approver})",
            PolicyRevision = approval?.PolicyRevision,
            ApprovalId = id,
        }, CancellationToken.None);
        if (error is not null)
        {
            await ErrorResponse.WriteAsync(context, error.Status, error.Type, error.Message);
            return;
        }

        await context.Response.WriteAsJsonAsync(View(approval!), Json, context.RequestAborted);
    }

    private static object View(Approval a) => new
    {
        id = a.Id,
        state = a.State.ToString().ToLowerInvariant(),
        agent = a.Agent,
        owner = a.Owner,
        task = a.Task,
        kind = a.Kind,
        action = JsonDocument.Parse(a.Action).RootElement,
        reasons = a.Reasons,
        policyRevision = a.PolicyRevision,
        actionHash = a.ActionHash,
        createdAt = a.CreatedAt,
        expiresAt = a.ExpiresAt,
        decidedBy = a.DecidedBy,
        decidedAt = a.DecidedAt,
        comment = a.Comment,
    };
}
