using System.Diagnostics;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Proxy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// <c>/mcp/{server}</c>: identify the agent by its gateway token, decide every <c>tools/call</c> (also inside a
/// batch) before anything is forwarded, answer refused calls with JSON-RPC errors, forward the rest to the
/// server (HTTP or a stdio process), filter <c>tools/list</c> answers, and audit every message.
/// </summary>
internal sealed partial class McpProxyHandler(
    McpSettings settings,
    McpServerRegistry servers,
    McpToolGate gate,
    McpSessionOwners owners,
    McpHttpUpstream http,
    McpStdioUpstream stdio,
    TokenStore tokens,
    IAuditSink audit,
    McpMetrics metrics,
    TimeProvider time,
    ILogger<McpProxyHandler> logger)
{
    private const string SessionHeader = "Mcp-Session-Id";

    public async Task HandleAsync(HttpContext context, string server)
    {
        var start = Stopwatch.GetTimestamp();
        var requestId = RequestIds.Assign(context);
        var check = await tokens.CheckAsync(TokenExtractor.Extract(context.Request.Headers), context.RequestAborted);
        var records = new McpAudit(audit, time, requestId, check, server, start, metrics, servers.Find(server) is null ? "unknown" : server);
        var method = context.Request.Method;
        if (!check.IsValid)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorTypes.Unauthenticated, check.Reason);
            records.Message(method, AuditDecisions.Deny, "unauthenticated: " + check.Reason);
            await records.FlushAsync(null);
            return;
        }

        var refusal = Refuse(context, server, check.Agent!.Id, out var route);
        if (refusal is { } r)
        {
            await ErrorResponse.WriteAsync(context, r.Status, r.Type, r.Message);
            records.Message(method, AuditDecisions.Deny, r.Type + ": " + r.Message);
            await records.FlushAsync(null);
            return;
        }

        var session = context.Request.Headers[ProviderTransformer.SessionHeader].FirstOrDefault() ?? check.Token!.Id;
        var who = new CallIdentity(check.Agent!, check.Token!.Task, session, context.Request.Headers["x-agentgate-sandbox"].FirstOrDefault());
        var upstream = route!.Config.IsStdio ? (IMcpUpstream)stdio : http;
        var filter = new McpToolsListFilter(gate, who, server, context.RequestAborted);
        int? status = null;
        try
        {
            status = method switch
            {
                "POST" => await PostAsync(context, route, who, upstream, filter, records),
                "GET" => await StreamAsync(context, route, upstream, filter, who, records),
                "DELETE" => await EndAsync(context, route, upstream, who, records),
                _ => await NotAllowedAsync(context, records),
            };
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or McpUpstreamException or IOException && !context.RequestAborted.IsCancellationRequested)
        {
            Log.UpstreamFailed(logger, requestId, server, ex.Message);
            records.UpstreamFailed();
            await ErrorResponse.WriteAsync(context, ex is TimeoutException ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                ex is TimeoutException ? ErrorTypes.UpstreamTimeout : ErrorTypes.UpstreamUnavailable, $"MCP server '{server}' failed: {ex.Message}");
        }
        finally
        {
            await records.FlushAsync(status);
        }
    }

    private (int Status, string Type, string Message)? Refuse(HttpContext context, string server, string agentId, out McpServerRoute? route)
    {
        route = servers.Find(server);
        if (route is null)
        {
            return (StatusCodes.Status404NotFound, "unknown_mcp_server", $"MCP server '{server}' is not configured");
        }

        if (route.Config.Secret is not null && route.Credential is null)
        {
            return (StatusCodes.Status503ServiceUnavailable, "mcp_server_unconfigured", $"MCP server '{server}' has no usable credential: {route.CredentialProblem}");
        }

        if (!route.Config.IsStdio && context.Request.Headers[SessionHeader].ToString() is { Length: > 0 } sessionId && !owners.TryClaim(server, sessionId, agentId))
        {
            // 404 is what MCP clients read as "session gone, start a new one".
            return (StatusCodes.Status404NotFound, "mcp_session_not_found", "the MCP session is not known for this agent");
        }

        return null;
    }

    private async Task<int?> PostAsync(HttpContext context, McpServerRoute route, CallIdentity who, IMcpUpstream upstream, McpToolsListFilter filter, McpAudit records)
    {
        var body = await McpBodyReader.ReadAsync(context, settings.MaxRequestBytes);
        if (body is null)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, ErrorTypes.RequestTooLarge, $"MCP request body exceeds {settings.MaxRequestBytes} bytes");
            records.Message("POST", AuditDecisions.Deny, $"{ErrorTypes.RequestTooLarge}: body exceeds {settings.MaxRequestBytes} bytes");
            return null;
        }

        using var parsed = JsonRpcBody.TryParse(body.Value, out var parseError);
        if (parsed is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = McpResponseWriter.JsonContentType;
            await context.Response.Body.WriteAsync(parseError!.Serialize(null), context.RequestAborted);
            records.Message("POST", AuditDecisions.Deny, parseError.Type + ": " + parseError.Message);
            return null;
        }

        var forwarded = new List<JsonRpcMessage>(parsed.Messages.Count);
        var answers = new List<byte[]>();
        foreach (var message in parsed.Messages)
        {
            if (!message.IsToolCall)
            {
                forwarded.Add(message);
                records.Message(message.AuditMethod, AuditDecisions.Allow, null);
                continue;
            }

            var decision = gate.Decide(who, route.Name, message, context.RequestAborted);
            records.ToolCall(decision);
            if (decision.Allowed)
            {
                forwarded.Add(message);
            }
            else
            {
                Log.ToolRefused(logger, who.Agent.Id, route.Name, decision.Tool ?? "?", decision.Error!.Type, decision.Outcome?.Decision.Rule);
                if (message.RawId is not null)
                {
                    answers.Add(decision.Error!.Serialize(message.RawId));
                }
            }
        }

        if (forwarded.Count == 0)
        {
            if (answers.Count == 0)
            {
                context.Response.StatusCode = StatusCodes.Status202Accepted;
                return null;
            }

            await McpResponseWriter.WriteJsonAsync(context, answers, parsed.IsBatch);
            return null;
        }

        var outgoing = forwarded.Count == parsed.Messages.Count ? body.Value : McpResponseWriter.Join(forwarded.Select(m => System.Text.Encoding.UTF8.GetBytes(m.Element.GetRawText())).ToList(), asBatch: true);
        var post = new McpPost(outgoing, forwarded, answers, parsed.IsBatch, filter, who.Agent.Id);
        return await metrics.UpstreamAsync(route.Name, () => upstream.PostAsync(context, route, post, context.RequestAborted));
    }

    private static async Task<int?> StreamAsync(HttpContext context, McpServerRoute route, IMcpUpstream upstream, McpToolsListFilter filter, CallIdentity who, McpAudit records)
    {
        records.Message("GET", AuditDecisions.Allow, "server stream");
        return await upstream.GetAsync(context, route, filter, who.Agent.Id, context.RequestAborted);
    }

    private async Task<int?> EndAsync(HttpContext context, McpServerRoute route, IMcpUpstream upstream, CallIdentity who, McpAudit records)
    {
        records.Message("DELETE", AuditDecisions.Allow, "end session");
        return await metrics.UpstreamAsync(route.Name, () => upstream.DeleteAsync(context, route, who.Agent.Id, context.RequestAborted));
    }

    private static async Task<int?> NotAllowedAsync(HttpContext context, McpAudit records)
    {
        context.Response.Headers.Allow = "GET, POST, DELETE";
        await ErrorResponse.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, ErrorTypes.BadRequest, "MCP Streamable HTTP uses POST, GET and DELETE");
        records.Message(context.Request.Method, AuditDecisions.Deny, "method not allowed");
        return null;
    }
}
