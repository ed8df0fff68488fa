using System.Text;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Hosting;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Proxy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AgentGate.Gateway.Guards.ClaudeCode;

/// <summary>
/// <c>POST /v1/authorize/claude-code</c> on the agent listener: takes Claude Code's raw PreToolUse payload, maps it
/// with <see cref="PreToolUseMapper"/> (the same mapping as <c>agentgate hook claude-code</c>) and answers the
/// <c>/v1/authorize</c> decision for it, so an in-sandbox hook needs no .NET and no mapping of its own.
/// Tools the gateway does not decide answer <c>{"allow":true,"passthrough":true}</c>; a malformed payload is a 400.
/// </summary>
internal static class ClaudeCodeAuthorizeEndpoint
{
    public const string Path = "/v1/authorize/claude-code";

    public static IEndpointConventionBuilder MapClaudeCodeAuthorize(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, HandleAsync).WithMetadata(new ListenerMetadata(ListenerKind.Agent));

    private static async Task HandleAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var check = await services.GetRequiredService<TokenStore>().CheckAsync(TokenExtractor.Extract(context.Request.Headers), context.RequestAborted);
        if (!check.IsValid)
        {
            // The authorize endpoint answers (and audits) the unauthenticated call exactly as it would its own.
            await services.GetRequiredService<AuthorizeEndpoint>().HandleAsync(context);
            return;
        }

        // Refusals go through the authorize endpoint too: a request id, and an audit record like every other answer.
        var authorize = services.GetRequiredService<AuthorizeEndpoint>();
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var (bytes, problem) = await JsonBody.ReadBytesAsync(context, PreToolUseMapper.MaxPayloadBytes);
        var mapping = problem is null ? PreToolUseMapper.Map(Encoding.UTF8.GetString(bytes!)) : null;
        if (problem is not null || mapping!.Error is not null)
        {
            problem ??= new BodyError(StatusCodes.Status400BadRequest, ErrorTypes.BadRequest, "malformed hook payload: " + mapping!.Error);
            await authorize.RejectAsync(context, RequestIds.Assign(context), check, problem, start);
            return;
        }

        if (mapping.Passthrough)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""{"allow":true,"passthrough":true,"deny":[],"require_approval":[]}""", context.RequestAborted);
            return;
        }

        // Hand the mapped body to the one decision path: same normalisation, leak check, policy, approvals and audit.
        var body = Encoding.UTF8.GetBytes(mapping.AuthorizeRequest!.ToJsonString());
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = body.Length;
        context.Request.ContentType = "application/json";
        if (mapping.SessionId is { Length: > 0 } session)
        {
            context.Request.Headers[ProviderTransformer.SessionHeader] = session;
        }

        await authorize.HandleAsync(context);
    }
}
