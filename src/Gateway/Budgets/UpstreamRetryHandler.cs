using AgentGate.Gateway.Config;
using AgentGate.Gateway.Proxy;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Budgets;

/// <summary>
/// First handler of the upstream client. An upstream 429, 529 or "overloaded" answer to a model call is
/// retried here, before YARP has sent anything to the agent: the failed attempt is settled (the whole
/// fleet backs off by its retry-after), the call is admitted again through the shared backoff and fair
/// queue, and the buffered request body is sent again — at most <see cref="BudgetOptions.MaxRetries"/>
/// times. Only the final answer reaches YARP; when retries run out, or the retry-after is too long, or the
/// call is not re-admitted in time, that is the upstream's answer unchanged. A streamed answer is wrapped
/// so its output is metered against the budget (<see cref="BudgetedSseStream"/>). Requests that are not
/// model calls (no <see cref="UpstreamClient.CurrentCall"/>) pass through untouched.
/// </summary>
internal sealed partial class UpstreamRetryHandler(
    UpstreamRetryPolicy policy,
    BudgetCallGate gate,
    GatewayConfig config,
    TimeProvider time,
    ILogger<UpstreamRetryHandler> logger) : DelegatingHandler
{
    // YARP's activity timeout also runs while a retry waits: wait at most half of it, so the retried
    // attempt still has time to answer instead of the agent getting a 504.
    private readonly TimeSpan _maxWait = config.Proxy.ActivityTimeout / 2;

    /// <summary>Error bodies up to this size are read to look for "overloaded" and to free the connection.</summary>
    private const int MaxErrorBodyBytes = 64 * 1024;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var call = UpstreamClient.CurrentCall;
        if (call is null)
        {
            return response;
        }

        for (var attempt = 1; IsCandidate((int)response.StatusCode); attempt++)
        {
            var status = (int)response.StatusCode;
            var errorText = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            var retryAfter = UpstreamRetryPolicy.RetryAfter(response.Headers, time.GetUtcNow());
            var decision = policy.Decide(attempt, status, retryAfter, responseStarted: false, errorText, _maxWait);
            if (!decision.Retry || !CanResend(request, call) || !await ReadmitAsync(call, response, status, retryAfter, cancellationToken).ConfigureAwait(false))
            {
                if (UpstreamRetryPolicy.IsOverload(status, errorText))
                {
                    Log.NotRetried(logger, call.RequestId, call.Provider.Name, status, attempt - 1);
                }

                break;
            }

            Log.Retrying(logger, call.RequestId, call.Provider.Name, status, attempt);
            call.Items[CallAudit.PolicyReasonItem] = $"upstream {status} retried {attempt}x";
            call.Items[CallAudit.RetriesItem] = attempt;
            var next = Clone(request, call.RequestBody);
            response.Dispose();
            response = await base.SendAsync(next, cancellationToken).ConfigureAwait(false);
        }

        if (response.IsSuccessStatusCode && BudgetedContent.Applies(response.Content) && gate.StreamGuard(call) is { } guard)
        {
            response.Content = new BudgetedContent(response.Content, guard);
        }

        return response;
    }

    private static bool IsCandidate(int status) => status is 429 or >= 500;

    private async Task<bool> ReadmitAsync(LlmCall call, HttpResponseMessage response, int status, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        try
        {
            return await gate.ReadmitAsync(call, status, retryAfter, _maxWait, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Cancelled while waiting (agent gone, activity timeout): YARP never gets this response.
            response.Dispose();
            throw;
        }
    }

    /// <summary>Buffers a small error body (so a retried attempt's connection is reused) and returns it for
    /// 5xx answers, where "overloaded" in the body is what makes them retryable.</summary>
    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var headers = response.Content.Headers;
        if (headers.ContentLength > MaxErrorBodyBytes || headers.ContentType?.MediaType is "text/event-stream")
        {
            return null;
        }

        try
        {
            await response.Content.LoadIntoBufferAsync(MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);
            return (int)response.StatusCode >= 500 ? await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Only a request whose whole body was buffered can be sent again.</summary>
    private static bool CanResend(HttpRequestMessage request, LlmCall call) =>
        request.Content is null || call.RequestBody.Length == call.RequestBytes;

    private static HttpRequestMessage Clone(HttpRequestMessage request, ReadOnlyMemory<byte> body)
    {
        var clone = new HttpRequestMessage(request.Method, request.RequestUri)
        {
            Version = request.Version,
            VersionPolicy = request.VersionPolicy,
        };
        foreach (var header in request.Headers)
        {
            clone.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (request.Content is not null)
        {
            clone.Content = new ReadOnlyMemoryContent(body);
            foreach (var header in request.Content.Headers)
            {
                clone.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        foreach (var option in request.Options)
        {
            clone.Options.Set(new HttpRequestOptionsKey<object?>(option.Key), option.Value);
        }

        return clone;
    }

    private static partial class Log
    {
        [LoggerMessage(4121, LogLevel.Information, "Request {RequestId}: upstream {Provider} answered {Status}; retrying transparently (attempt {Attempt})")]
        public static partial void Retrying(ILogger logger, string requestId, string provider, int status, int attempt);

        [LoggerMessage(4122, LogLevel.Information, "Request {RequestId}: upstream {Provider} answered {Status}; passed to the agent after {Retries} retries")]
        public static partial void NotRetried(ILogger logger, string requestId, string provider, int status, int retries);
    }
}
