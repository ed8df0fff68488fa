using AgentGate.Gateway.LeakStop;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Egress;

/// <summary>
/// Puts a plain-HTTP egress request body behind the leak stop: the body streams through a
/// <see cref="LeakScanningStream"/> bound to the destination host. A body announced larger than the scan limit
/// is refused before anything is sent; a chunked body that grows past it is cut off there (scan-limit-exceeded).
/// </summary>
internal sealed record RequestBodyLeakStop(LeakScanningStream Stream, EgressVerdict? Error)
{
    /// <returns>Null when the request has no body.</returns>
    public static RequestBodyLeakStop? Wrap(HttpContext context, LeakStopScanner leaks, string host)
    {
        var request = context.Request;
        if (request.ContentLength == 0 || (request.ContentLength is null && !request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        var options = leaks.Bound.Options;
        var stream = new LeakScanningStream(request.Body, leaks.Bound.StartScan(host), options.CarryBytes);
        if (request.ContentLength > options.MaxScanBytes && options.OverLimit == Guards.Leaks.OverLimitPolicy.Refuse)
        {
            return new(stream, EgressVerdict.Refuse(StatusCodes.Status413PayloadTooLarge, LeakStopScanner.ErrorType,
                $"the request body ({request.ContentLength} bytes) is larger than the leak stop scans ({options.MaxScanBytes} bytes); it was not forwarded", LeakStopScanner.Rule));
        }

        request.Body = stream;
        return new(stream, null);
    }
}
