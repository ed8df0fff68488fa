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

        if (context.Request.ContentLength > PreToolUseMapper.MaxPayloadBytes)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorTypes.BadRequest, "hook payload is too large");
            return;
        }

        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var mapping = PreToolUseMapper.Map(await reader.ReadToEndAsync(context.RequestAborted));
        if (mapping.Error is { } error)
        {
            await ErrorResponse.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorTypes.BadRequest, "malformed hook payload: " + error);
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

        await services.GetRequiredService<AuthorizeEndpoint>().HandleAsync(context);
    }
}
