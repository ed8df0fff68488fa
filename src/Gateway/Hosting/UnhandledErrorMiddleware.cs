using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Hosting;

/// <summary>
/// The last line of defence on both listeners: an exception no handler turned into an answer (a store that went
/// away mid-call, a bug) becomes a structured <c>500 internal_error</c> naming the request id, a log entry with the
/// exception, and an audit record — never a bare 500 with an empty body, never a call missing from the log.
/// </summary>
internal sealed partial class UnhandledErrorMiddleware(RequestDelegate next, IAuditSink audit, TimeProvider time, ILogger<UnhandledErrorMiddleware> logger)
{
    public const string Kind = "gateway";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            // The server or a minimal-API binder refused the request itself (body over Kestrel's limit, a broken
            // chunk, a parameter that does not bind): the caller's fault, so its 4xx — still structured and audited.
            var type = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ErrorTypes.RequestTooLarge : ErrorTypes.BadRequest;
            var requestId = context.Response.Headers[Proxy.RequestIds.Header];
            await AuditAsync(context, type + ": " + ex.Message);
            context.Response.Clear();
            context.Response.Headers[Proxy.RequestIds.Header] = requestId;
            await ErrorResponse.WriteAsync(context, ex.StatusCode is >= 400 and < 500 ? ex.StatusCode : StatusCodes.Status400BadRequest, type, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            var requestId = RequestIdOf(context);
            Log.Unhandled(logger, ex, requestId, context.Request.Method, context.Request.Path.Value ?? string.Empty);
            await AuditAsync(context, ErrorTypes.Internal + ": " + ex.GetType().Name);
            if (context.Response.HasStarted)
            {
                context.Abort(); // the client sees a broken response, not a truncated one that looks complete
                return;
            }

            context.Response.Clear();
            await ErrorResponse.WriteAsync(context, StatusCodes.Status500InternalServerError, ErrorTypes.Internal,
                $"the gateway could not complete this request ({requestId}); the failure is logged and audited");
        }
    }

    private static string RequestIdOf(HttpContext context) =>
        context.Response.Headers[Proxy.RequestIds.Header].ToString() is { Length: > 0 } assigned ? assigned : context.TraceIdentifier;

    private ValueTask AuditAsync(HttpContext context, string reason) =>
        audit.WriteAsync(new AuditRecord
        {
            Time = time.GetUtcNow(),
            RequestId = RequestIdOf(context),
            Kind = Kind,
            Method = context.Request.Method,
            Target = context.Request.Path.Value,
            Decision = AuditDecisions.Deny,
            Reason = reason,
            UpstreamStatus = null,
        }, CancellationToken.None);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1900, Level = LogLevel.Error, Message = "Request {RequestId} {Method} {Path} failed with an unhandled exception")]
        public static partial void Unhandled(ILogger logger, Exception exception, string requestId, string method, string path);
    }
}
