using System.Diagnostics;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Guards.Git;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.LeakStop;
using AgentGate.Gateway.Proxy;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// <c>/git/{repo}/…</c> on the agent listener: git smart HTTP, every request decided by the policy as a
/// <c>git</c> action and audited. Local (file://) repositories are served through <c>git http-backend</c>.
/// </summary>
internal sealed class GitProxyHandler(
    GitRepoCatalog repos, TokenStore tokens, PolicyEnforcer enforcer, PushInspector inspector, PushContentScanner contentScanner, GitHttpBackend backend, GitUpstreamForwarder forwarder, IAuditSink audit, TimeProvider time)
{
    public async Task HandleAsync(HttpContext context, string repoName, string path)
    {
        var start = Stopwatch.GetTimestamp();
        var log = new GitAuditContext(audit, time, RequestIds.Assign(context), $"{context.Request.Method} /git/{repoName}/{path}", start);
        var name = repoName.EndsWith(".git", StringComparison.Ordinal) ? repoName[..^4] : repoName;
        var check = await tokens.CheckAsync(TokenExtractor.Extract(context.Request.Headers), context.RequestAborted);
        if (!check.IsValid)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"agentgate\"";
            await ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorTypes.Unauthenticated, check.Reason);
            await log.WriteAsync(check, name, null, AuditDecisions.Deny, "unauthenticated: " + check.Reason, null);
            return;
        }

        var repo = repos.Find(name);
        var service = ServiceOf(context.Request, path);
        if (repo is null || service is null)
        {
            var message = repo is null ? $"git repository '{name}' is not configured" : "only git smart-HTTP requests (info/refs, git-upload-pack, git-receive-pack) are served";
            await ErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, ErrorTypes.NotFound, message);
            await log.WriteAsync(check, name, service, AuditDecisions.Deny, "not_found: " + message, null);
            return;
        }

        var who = new CallIdentity(check.Agent!, check.Token!.Task, check.Token!.Id);
        var isPush = service == GitAction.ReceivePack && HttpMethods.IsPost(context.Request.Method);
        if (!isPush)
        {
            var outcome = enforcer.Enforce(who, GitAction.Build(name, service, []), context.RequestAborted);
            if (!outcome.Allowed)
            {
                await ErrorResponse.WriteAsync(context, StatusCodes.Status403Forbidden, outcome.ErrorType, outcome.Decision.Message, outcome.Decision.Rule);
                await log.WriteAsync(check, name, service, AuditDecisions.Deny, outcome.AuditReason, outcome);
                return;
            }

            await ServeAsync(context, repo, path, check, service, [], null, outcome, log, string.Empty);
            return;
        }

        await PushAsync(context, repo, path, check, who, log);
    }

    private async Task PushAsync(HttpContext context, GitRepo repo, string path, TokenCheck check, CallIdentity who, GitAuditContext log)
    {
        if (context.Request.Headers.ContentEncoding.ToString() is { Length: > 0 } encoding && encoding != "identity")
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorTypes.BadRequest, "compressed push requests are not supported");
            await log.WriteAsync(check, repo.Name, GitAction.ReceivePack, AuditDecisions.Deny, "bad_request: compressed push", null);
            return;
        }

        var request = await ReceivePackRequestReader.ReadAsync(context.Request.Body, context.RequestAborted);
        if (request.Error is not null && !(request.Updates.Count == 0 && request.Consumed.AsSpan().SequenceEqual("0000"u8)))
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorTypes.BadRequest, request.Error);
            await log.WriteAsync(check, repo.Name, GitAction.ReceivePack, AuditDecisions.Deny, "bad_request: " + request.Error, null);
            return;
        }

        // A bare flush is git's probe before a large chunked push; it updates nothing, the real request follows.
        using var spool = PushInspector.CarriesPack(request.Updates) ? await inspector.SpoolAsync(repo, context.Request.Body, context.RequestAborted) : null;
        if (spool?.Error is { } tooBig)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorTypes.BadRequest, tooBig);
            await log.WriteAsync(check, repo.Name, GitAction.ReceivePack, AuditDecisions.Deny, "bad_request: " + tooBig, null);
            return;
        }

        // The leak stop runs before the policy, so a push carrying a credential never lands in an approval request.
        var scan = spool is null ? null : await contentScanner.ScanAsync(repo, spool, context.RequestAborted);
        if (scan?.RefusalReason is { } leak)
        {
            await RefuseAsync(context, ReceivePackRefusalWriter.Build(request, request.Updates.Select(u => u.Ref).Distinct().ToDictionary(r => r, _ => leak), LeakMessages(leak, scan.Finding is not null)));
            await log.WriteAsync(check, repo.Name, GitAction.ReceivePack, AuditDecisions.Deny, leak, null, rule: LeakStopScanner.Rule);
            return;
        }

        var updates = await inspector.ClassifyAsync(repo, request.Updates, spool, context.RequestAborted);
        var summary = scan?.Summary + (updates.Count == 0 ? string.Empty : "; updates: " + ClassifiedUpdate.Summary(updates));
        var outcome = enforcer.Enforce(who, GitAction.Build(repo.Name, GitAction.ReceivePack, updates), context.RequestAborted);
        if (!outcome.Allowed)
        {
            await RefuseAsync(context, GitAction.Refusal(request, updates, outcome));
            await log.WriteAsync(check, repo.Name, GitAction.ReceivePack, AuditDecisions.Deny, outcome.AuditReason + summary, outcome);
            return;
        }

        await using var body = spool?.OpenPack();
        await ServeAsync(context, repo, path, check, GitAction.ReceivePack, request.Consumed, body, outcome, log, summary);
    }

    private async Task ServeAsync(HttpContext context, GitRepo repo, string path, TokenCheck check, string service, byte[] prefix, Stream? body, EnforcementOutcome outcome, GitAuditContext log, string summary)
    {
        int? status;
        string? problem = null;
        try
        {
            (status, problem) = repo.IsLocal
                ? (await backend.ServeAsync(context, repo, path, check.Agent!.Id, prefix, body ?? context.Request.Body, context.RequestAborted), null)
                : await forwarder.ForwardAsync(context, repo, path, prefix, body ?? context.Request.Body, context.RequestAborted);
        }
        catch (HttpRequestException ex)
        {
            (status, problem) = (null, $"git upstream of '{repo.Name}' is unreachable: {ex.Message}");
        }

        if (status is null)
        {
            problem ??= $"git http-backend gave no response for '{repo.Name}'";
            await ErrorResponse.WriteAsync(context, StatusCodes.Status502BadGateway, ErrorTypes.UpstreamUnavailable, problem);
            await log.WriteAsync(check, repo.Name, service, AuditDecisions.Allow, outcome.AuditReason + summary + "; " + problem, outcome);
            return;
        }

        await log.WriteAsync(check, repo.Name, service, AuditDecisions.Allow, outcome.AuditReason + summary, outcome, status);
    }

    /// <summary>Answers a push in git's own protocol, so <c>git push</c> prints the reasons.</summary>
    private static async Task RefuseAsync(HttpContext context, byte[] refusal)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = ReceivePackRefusalWriter.ContentType;
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.WriteAsync(refusal, context.RequestAborted);
    }

    private static string[] LeakMessages(string leak, bool found) =>
    [
        "agentgate: push refused: " + leak,
        found
            ? "agentgate: nothing was forwarded; remove the credential from the pushed commits (amend or rebase) and push again"
            : "agentgate: nothing was forwarded; content the gateway cannot scan does not leave (limits: AgentGate:Git:MaxScan*, ScanOverLimit)",
    ];

    /// <summary>The policy service of a smart-HTTP request; ref advertisements count as reads (upload-pack).</summary>
    private static string? ServiceOf(HttpRequest request, string path)
    {
        if (HttpMethods.IsGet(request.Method) && path == "info/refs")
        {
            return request.Query["service"].ToString() is "git-upload-pack" or "git-receive-pack" ? GitAction.UploadPack : null;
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return null;
        }

        return path switch
        {
            "git-upload-pack" => GitAction.UploadPack,
            "git-receive-pack" => GitAction.ReceivePack,
            _ => null,
        };
    }
}
