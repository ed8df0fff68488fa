using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace AgentGate.Gateway.Proxy;

internal sealed partial class LlmProxyHandler
{
    private static partial class Log
    {
        [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Request {RequestId} refused: {Reason}")]
        public static partial void Unauthenticated(ILogger logger, string requestId, string reason);

        [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Request {RequestId} by {Agent} to {Provider} denied ({ErrorType}, rule {Rule})")]
        public static partial void Denied(ILogger logger, string requestId, string agent, string provider, string errorType, string? rule);

        [LoggerMessage(EventId = 2003, Level = LogLevel.Debug, Message = "Request {RequestId} by {Agent} to {Provider} model {Model}: {Status}")]
        public static partial void Forwarded(ILogger logger, string requestId, string agent, string provider, string? model, int status);

        [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Request {RequestId} to {Provider} failed upstream ({Error}): {Detail}")]
        public static partial void UpstreamFailed(ILogger logger, string requestId, string provider, ForwarderError error, string detail);
    }
}
