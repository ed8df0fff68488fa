using System.Text.Json;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Hosting;
using AgentGate.Policy.Values;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// Admin listener: the active bundle and the last rejected reload (<c>GET /admin/policy</c>), a manual
/// reload, and OPA's data API (<c>POST /v1/data/{path}</c>) so existing OPA tooling can query the bundle.
/// </summary>
internal static class PolicyAdminEndpoints
{
    public static void MapPolicyAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(string.Empty).WithMetadata(new ListenerMetadata(ListenerKind.Admin), AdminTokenRequired.Instance);
        admin.MapGet("/admin/policy", (PolicyEngine engine) => Results.Json(Status(engine)));
        admin.MapPost("/admin/policy/reload", (PolicyEngine engine) =>
        {
            var activation = engine.Reload();
            return Results.Json(new { activated = activation.Success, revision = activation.Revision, errors = activation.Errors, status = Status(engine) },
                statusCode: activation.Success ? 200 : 422);
        });
        admin.MapPost("/v1/data/{**path}", DataAsync);
    }

    private static object Status(PolicyEngine engine)
    {
        var current = engine.Current;
        var failure = engine.LastFailure;
        return new
        {
            active = current is null ? null : new
            {
                revision = current.Revision,
                origin = current.Origin,
                modules = current.Modules,
                testsPassed = current.TestsPassed,
                activatedAt = current.ActivatedAt,
            },
            lastFailure = failure is null ? null : new { revision = failure.Revision, errors = failure.Errors, at = failure.At },
        };
    }

    private static async Task DataAsync(HttpContext context, string? path, PolicyEngine engine)
    {
        if (engine.Current is not { } snapshot)
        {
            await ErrorResponse.WriteAsync(context, 503, "policy_unavailable", "no policy bundle is active");
            return;
        }

        var (bytes, problem) = await JsonBody.ReadBytesAsync(context, AuthorizeEndpoint.MaxBodyBytes);
        if (problem is not null)
        {
            await problem.WriteAsync(context);
            return;
        }

        Value? input = null;
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(bytes!);
            if (!string.IsNullOrWhiteSpace(text) && ValueJson.Parse(text) is ObjectValue body)
            {
                input = body.Get(StringValue.From("input"));
            }
        }
        catch (FormatException ex)
        {
            await ErrorResponse.WriteAsync(context, 400, ErrorTypes.BadRequest, "body is not JSON: " + ex.Message);
            return;
        }

        var segments = (path ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => !IsIdentifier(s)))
        {
            await ErrorResponse.WriteAsync(context, 400, ErrorTypes.BadRequest, $"'{path}' is not a data path of identifiers");
            return;
        }

        var rule = segments.Length == 0 ? "data" : "data." + string.Join('.', segments);
        var (value, error) = snapshot.Bundle.EvaluateRule(rule, input, context.RequestAborted);
        if (error is not null)
        {
            // An input over the bundle's limits is the caller's fault; other evaluation errors are 500s, as in OPA.
            var status = error.Code == "input_limit_error" ? StatusCodes.Status400BadRequest : StatusCodes.Status500InternalServerError;
            await ErrorResponse.WriteAsync(context, status, status == 400 ? ErrorTypes.BadRequest : error.Code, status == 400 ? "field 'input': " + error.Message : error.Message);
            return;
        }

        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        if (value is not null)
        {
            writer.WritePropertyName("result");
            ValueJson.Write(writer, value);
        }

        writer.WriteEndObject();
    }

    private static bool IsIdentifier(string s) =>
        s.Length > 0 && (char.IsAsciiLetter(s[0]) || s[0] == '_') && s.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
