using System.Diagnostics;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Identity;
using AgentGate.Gateway.Metrics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace AgentGate.Gateway.Proxy;

/// <summary>
/// <c>/llm/{provider}/…</c>: identify the agent, inspect the request, run the gates, forward through
/// YARP with the provider's credential, meter the response as it streams, settle the gates, audit.
/// </summary>
internal sealed partial class LlmProxyHandler(
    GatewayConfig config,
    TokenStore tokens,
    ProviderRegistry providers,
    IEnumerable<ICallGate> gates,
    IHttpForwarder forwarder,
    UpstreamClient upstream,
    IAuditSink audit,
    GatewayMetrics metrics,
    TimeProvider time,
    ILogger<LlmProxyHandler> logger)
{
    private readonly ICallGate[] _gates = gates.ToArray();
    private readonly ForwarderRequestConfig _requestConfig = new() { ActivityTimeout = config.Proxy.ActivityTimeout };

    public async Task HandleAsync(HttpContext context, string provider)
    {
        var start = Stopwatch.GetTimestamp();
        var requestId = RequestIds.Assign(context);
        var check = await tokens.CheckAsync(TokenExtractor.Extract(context.Request.Headers), context.RequestAborted);
        if (!check.IsValid)
        {
            Log.Unauthenticated(logger, requestId, check.Reason);
            await DenyUnidentifiedAsync(context, requestId, provider, check, start);
            return;
        }

        var route = providers.Find(provider);
        var call = new LlmCall
        {
            RequestId = requestId,
            Agent = check.Agent!,
            Task = FirstValue(context.Request.Headers, ProviderTransformer.TaskHeader) ?? check.Token!.Task,
            Session = FirstValue(context.Request.Headers, ProviderTransformer.SessionHeader) ?? check.Token!.Id,
            TokenId = check.Token!.Id,
            Provider = route!,
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? string.Empty,
            StartTimestamp = start,
            StartedAt = time.GetUtcNow(),
        };

        if (route is null)
        {
            await FinishDeniedAsync(context, call, provider, GateResult.Deny(404, ErrorTypes.UnknownProvider, $"provider '{provider}' is not configured"));
            return;
        }

        if (route.Credential is null)
        {
            await FinishDeniedAsync(context, call, provider, GateResult.Deny(503, ErrorTypes.ProviderUnconfigured, $"provider '{provider}' has no usable credential: {route.CredentialProblem}"));
            return;
        }

        if (!await RequestBodyReader.TryReadAsync(context, call, config.Proxy.MaxRequestBytes))
        {
            await FinishDeniedAsync(context, call, provider, GateResult.Deny(413, ErrorTypes.RequestTooLarge, $"request body exceeds {config.Proxy.MaxRequestBytes} bytes"));
            return;
        }

        await RunAsync(context, call, route);
    }

    private async Task RunAsync(HttpContext context, LlmCall call, ProviderRoute route)
    {
        var passed = 0;
        try
        {
            for (; passed < _gates.Length; passed++)
            {
                var result = await _gates[passed].BeforeAsync(call, context.RequestAborted);
                if (!result.Allowed)
                {
                    await FinishDeniedAsync(context, call, route.Name, result);
                    return;
                }
            }

            await ForwardAsync(context, call, route);
        }
        finally
        {
            for (var i = passed - 1; i >= 0; i--)
            {
                await _gates[i].AfterAsync(call, CancellationToken.None);
            }

            // After the gates, so the record carries what they settled (cost, context warning).
            if (call.Forwarded)
            {
                await audit.WriteAsync(CallAudit.Allowed(call, time.GetUtcNow()), CancellationToken.None);
            }
        }
    }

    private async Task ForwardAsync(HttpContext context, LlmCall call, ProviderRoute route)
    {
        call.Forwarded = true;
        var originalBody = context.Response.Body;
        var metering = new MeteringResponseStream(originalBody, context.Response.BodyWriter, context.Response, call.Usage, mayCoalesce: !call.Stream);
        context.Response.Body = metering;
        ForwarderError error;
        UpstreamClient.CurrentCall = call;
        try
        {
            error = await forwarder.SendAsync(context, route.DestinationPrefix, upstream.Invoker, _requestConfig, route.Transformer);
        }
        finally
        {
            metering.Complete();
            context.Response.Body = originalBody;
        }

        call.UpstreamStatus = context.Response.StatusCode;
        call.UpstreamRetryAfter = Budgets.UpstreamRetryPolicy.ParseRetryAfter(context.Response.Headers.RetryAfter.ToString(), time.GetUtcNow());
        if (error != ForwarderError.None)
        {
            await ReportForwardErrorAsync(context, call, error);
        }

        call.Duration = Stopwatch.GetElapsedTime(call.StartTimestamp);
        var model = call.Model ?? call.Usage.ResponseModel;
        metrics.RecordCall(call.Agent.Id, route.Name, model, AuditDecisions.Allow, call.UpstreamStatus, call.Duration.Value, call.Usage.InputTokens, call.Usage.OutputTokens);
        Log.Forwarded(logger, call.RequestId, call.Agent.Id, route.Name, model, call.UpstreamStatus ?? 0);
    }

    private async Task ReportForwardErrorAsync(HttpContext context, LlmCall call, ForwarderError error)
    {
        var timedOut = error is ForwarderError.RequestTimedOut;
        call.ErrorType = timedOut ? ErrorTypes.UpstreamTimeout : ErrorTypes.UpstreamUnavailable;
        var detail = context.Features.Get<IForwarderErrorFeature>()?.Exception?.Message ?? error.ToString();
        Log.UpstreamFailed(logger, call.RequestId, call.Provider.Name, error, detail);
        if (!context.Response.HasStarted && error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.RequestCreation or ForwarderError.NoAvailableDestinations)
        {
            context.Response.Clear();
            var status = timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway;
            call.UpstreamStatus = null;
            await ErrorResponse.WriteAsync(context, status, call.ErrorType, timedOut
                ? $"provider '{call.Provider.Name}' did not answer in time"
                : $"provider '{call.Provider.Name}' is unreachable: {error}");
        }
    }

    private async Task FinishDeniedAsync(HttpContext context, LlmCall call, string provider, GateResult result)
    {
        if (result.RetryAfter is { } retry)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        await ErrorResponse.WriteAsync(context, result.StatusCode, result.ErrorType ?? ErrorTypes.Denied, result.Message ?? "denied", result.Rule, result.Details);
        call.Duration = Stopwatch.GetElapsedTime(call.StartTimestamp);
        Log.Denied(logger, call.RequestId, call.Agent.Id, provider, result.ErrorType ?? ErrorTypes.Denied, result.Rule);
        metrics.RecordCall(call.Agent.Id, provider, call.Model, AuditDecisions.Deny, result.StatusCode, call.Duration.Value, null, null);
        await audit.WriteAsync(CallAudit.Denied(call, provider, result, time.GetUtcNow()), CancellationToken.None);
    }

    private static string? FirstValue(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private async Task DenyUnidentifiedAsync(HttpContext context, string requestId, string provider, TokenCheck check, long start)
    {
        await ErrorResponse.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorTypes.Unauthenticated, check.Reason);
        var record = CallAudit.Unauthenticated(context, requestId, provider, check, Stopwatch.GetElapsedTime(start), time.GetUtcNow());
        await audit.WriteAsync(record, CancellationToken.None);
    }
}
