using System.Text.Json.Nodes;
using AgentGate.Gateway.Errors;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// Exposes a stdio server the gateway launches as Streamable HTTP: requests are written to the agent's own
/// process and answered as JSON (refused calls and a dead or silent process become JSON-RPC errors for their
/// ids); the server's own messages are streamed to a GET.
/// </summary>
internal sealed class McpStdioUpstream(McpSettings settings, StdioSessions sessions, TimeProvider time) : IMcpUpstream
{
    private const string SessionHeader = "Mcp-Session-Id";

    public async Task<int?> PostAsync(HttpContext context, McpServerRoute route, McpPost post, CancellationToken cancellationToken)
    {
        var session = Resolve(context, route, post);
        if (session is null)
        {
            await NoSessionAsync(context);
            return null;
        }

        var opened = session.SessionId is not null && context.Request.Headers[SessionHeader].Count == 0;
        var requests = new List<Task<byte[]>>();
        foreach (var message in post.Forwarded)
        {
            var node = JsonNode.Parse(message.Element.GetRawText())!.AsObject();
            if (message.IsRequest)
            {
                requests.Add(AnswerAsync(session.Process, node, message.RawId!, cancellationToken));
            }
            else
            {
                await session.Process.SendAsync(node, cancellationToken);
            }
        }

        var answers = new List<byte[]>(post.Answers);
        foreach (var answer in await Task.WhenAll(requests))
        {
            answers.Add(post.Filter.Rewrite(answer) ?? answer);
        }

        if (opened)
        {
            if (session.Process.HasExited)
            {
                await sessions.StopAsync(session);
            }
            else
            {
                context.Response.Headers[SessionHeader] = session.SessionId;
            }
        }

        if (answers.Count == 0)
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return StatusCodes.Status202Accepted;
        }

        await McpResponseWriter.WriteJsonAsync(context, answers, post.IsBatch);
        return StatusCodes.Status200OK;
    }

    public async Task<int?> GetAsync(HttpContext context, McpServerRoute route, McpToolsListFilter filter, string agentId, CancellationToken cancellationToken)
    {
        var sessionId = context.Request.Headers[SessionHeader].ToString();
        var session = sessionId.Length > 0 ? sessions.Find(route.Name, sessionId, agentId) : sessions.Sessionless(route, agentId);
        if (session is null)
        {
            await NoSessionAsync(context);
            return null;
        }

        if (!session.Process.TryOpenStream())
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status409Conflict, "mcp_stream_open", "this MCP session already has an open server stream");
            return null;
        }

        try
        {
            await McpResponseWriter.StartSseAsync(context);
            await foreach (var message in session.Process.ServerMessages.ReadAllAsync(cancellationToken))
            {
                await McpResponseWriter.WriteSseEventAsync(context, filter.Rewrite(message) ?? message);
                session.Touch(time.GetUtcNow());
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The agent closed the stream.
        }
        finally
        {
            session.Process.CloseStream();
        }

        return StatusCodes.Status200OK;
    }

    public async Task<int?> DeleteAsync(HttpContext context, McpServerRoute route, string agentId, CancellationToken cancellationToken)
    {
        var sessionId = context.Request.Headers[SessionHeader].ToString();
        if (sessionId.Length == 0 || sessions.Find(route.Name, sessionId, agentId) is not { } session)
        {
            await NoSessionAsync(context);
            return null;
        }

        await sessions.StopAsync(session);
        context.Response.StatusCode = StatusCodes.Status200OK;
        return StatusCodes.Status200OK;
    }

    private StdioSession? Resolve(HttpContext context, McpServerRoute route, McpPost post)
    {
        var sessionId = context.Request.Headers[SessionHeader].ToString();
        if (sessionId.Length > 0)
        {
            return sessions.Find(route.Name, sessionId, post.AgentId);
        }

        return post.Forwarded.Any(m => m.Method == JsonRpcMessage.Initialize)
            ? sessions.Open(route, post.AgentId)
            : sessions.Sessionless(route, post.AgentId);
    }

    private async Task<byte[]> AnswerAsync(StdioProcess process, JsonObject request, string rawId, CancellationToken cancellationToken)
    {
        try
        {
            return await process.RequestAsync(request, rawId, settings.ResponseTimeout, cancellationToken);
        }
        catch (McpUpstreamException ex)
        {
            return new JsonRpcError(McpErrorCodes.UpstreamUnavailable, ex.Message, ErrorTypes.UpstreamUnavailable).Serialize(rawId);
        }
    }

    private static Task NoSessionAsync(HttpContext context) =>
        ErrorResponse.WriteAsync(context, StatusCodes.Status404NotFound, "mcp_session_not_found", "the MCP session is not known for this agent or its server process has stopped; start a new session");
}
