using System.Diagnostics;
using System.Text.Json;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Proxy;
using AgentGate.Policy.Values;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// <c>POST /v1/authorize</c>: a decision for an action that runs inside the sandbox (a shell command,
/// a file operation, …), asked by the sandbox's exec guard or an agent-framework hook. Always answers
/// 200 with the decision JSON once the caller is identified; every answer is audited.
/// </summary>
internal sealed class AuthorizeEndpoint(TokenStore tokens, LeakStop.ActionLeakCheck leaks, PolicyEnforcer enforcer, PolicySettings settings, IAuditSink audit, TimeProvider time)
{
    public const int MaxBodyBytes = 256 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        var requestId = RequestIds.Assign(context);
        var check = await tokens.CheckAsync(TokenExtractor.Extract(context.Request.Headers), context.RequestAborted);
        if (!check.IsValid)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorTypes.Unauthenticated, check.Reason);
            await WriteAuditAsync(requestId, check, "authorize", null, AuditDecisions.Deny, "unauthenticated: " + check.Reason, null, null, start);
            return;
        }

        var (action, problem) = await ReadActionAsync(context);
        if (action is null)
        {
            await RejectAsync(context, requestId, check, problem!, start);
            return;
        }

        var normalized = ActionNormalizer.Normalize(action, settings.WorkspaceRoot);
        var session = context.Request.Headers[ProviderTransformer.SessionHeader].FirstOrDefault() ?? check.Token!.Id;
        var who = new CallIdentity(check.Agent!, check.Token!.Task, session, context.Request.Headers["x-agentgate-sandbox"].FirstOrDefault());
        var outcome = leaks.Check(ref normalized) ?? enforcer.Enforce(who, normalized, context.RequestAborted);
        var kind = normalized.Get(StringValue.From("kind")) is StringValue k ? k.Value : "unknown";
        await WriteDecisionAsync(context, outcome);
        await WriteAuditAsync(requestId, check, kind, Target(normalized), outcome.Allowed ? AuditDecisions.Allow : AuditDecisions.Deny,
            outcome.AuditReason, outcome.Decision.Rule, outcome, start);
    }

    /// <summary>Answers (and audits, like every answer here) a request refused before any decision: a malformed
    /// action, a body over the limit, or — from the Claude Code endpoint — a hook payload it could not map.</summary>
    public async Task RejectAsync(HttpContext context, string requestId, TokenCheck check, BodyError problem, long start)
    {
        await problem.WriteAsync(context);
        await WriteAuditAsync(requestId, check, "authorize", null, AuditDecisions.Deny, problem.Type + ": " + problem.Message, null, null, start);
    }

    private static async Task<(ObjectValue? Action, BodyError? Problem)> ReadActionAsync(HttpContext context)
    {
        var (bytes, tooLarge) = await JsonBody.ReadBytesAsync(context, MaxBodyBytes);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        Value body;
        try
        {
            body = ValueJson.Parse(System.Text.Encoding.UTF8.GetString(bytes!));
        }
        catch (FormatException ex)
        {
            return (null, BadRequest("body is not JSON: " + ex.Message));
        }

        if (body is not ObjectValue obj || obj.Get(StringValue.From("action")) is not ObjectValue action)
        {
            return (null, BadRequest("body must be {\"action\":{\"kind\":…}} (field 'action' is missing or not an object)"));
        }

        return action.Get(StringValue.From("kind")) is StringValue
            ? (action, null)
            : (null, BadRequest("action.kind is required and must be a string (exec, file, llm, tool, git, egress)"));
    }

    private static BodyError BadRequest(string message) => new(StatusCodes.Status400BadRequest, ErrorTypes.BadRequest, message);

    private static async Task WriteDecisionAsync(HttpContext context, EnforcementOutcome outcome)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        var d = outcome.Decision;
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteBoolean("allow", outcome.Allowed);
        WriteList(writer, "deny", d.Deny);
        WriteList(writer, "require_approval", outcome.Verdict == EnforcementVerdict.Allow && outcome.ApprovalId is not null ? [] : d.RequireApproval);
        writer.WriteString("rule", d.Rule);
        writer.WriteString("policy_revision", d.Revision);
        if (outcome.ApprovalId is { } id)
        {
            writer.WriteString("approval_id", id);
        }

        if (!outcome.Allowed)
        {
            writer.WriteString("reason", d.Message);
        }

        writer.WriteEndObject();
        await writer.FlushAsync(context.RequestAborted);
    }

    private static void WriteList(Utf8JsonWriter writer, string name, IReadOnlyList<string> items)
    {
        writer.WriteStartArray(name);
        foreach (var item in items)
        {
            writer.WriteStringValue(item);
        }

        writer.WriteEndArray();
    }

    private static string? Target(ObjectValue action)
    {
        foreach (var key in (string[])["command", "path", "host", "tool", "repo"])
        {
            if (action.Get(StringValue.From(key)) is StringValue s)
            {
                return s.Value;
            }
        }

        return null;
    }

    private ValueTask WriteAuditAsync(string requestId, TokenCheck check, string kind, string? target, string decision, string reason, string? rule, EnforcementOutcome? outcome, long start) =>
        audit.WriteAsync(new AuditRecord
        {
            Time = time.GetUtcNow(),
            RequestId = requestId,
            Agent = check.Token?.AgentId,
            Task = check.Token?.Task,
            Session = check.Token?.Id,
            Kind = kind,
            Method = "POST /v1/authorize",
            Target = target,
            Decision = decision,
            Reason = reason,
            Rule = rule,
            PolicyRevision = outcome?.Decision.Revision,
            ApprovalId = outcome?.ApprovalId,
            LatencyMs = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 3),
        }, CancellationToken.None);
}
