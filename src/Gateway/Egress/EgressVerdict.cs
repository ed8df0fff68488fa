using System.Net;
using AgentGate.Gateway.Identity;

namespace AgentGate.Gateway.Egress;

/// <summary>The answer for one egress attempt: the checked address to connect to, or a refusal as an HTTP status and error.</summary>
internal sealed record EgressVerdict(IPAddress? Address, int StatusCode, string? ErrorType, string? Message, string? Rule)
{
    /// <summary>The authenticated agent of an allowed attempt, for decisions and audit records that follow it.</summary>
    public TokenCheck? Caller { get; init; }

    public bool Allowed => Address is not null;

    public static EgressVerdict Allow(IPAddress address) => new(address, 200, null, null, null);

    public static EgressVerdict Refuse(int statusCode, string errorType, string message, string? rule = null) =>
        new(null, statusCode, errorType, message, rule);
}
