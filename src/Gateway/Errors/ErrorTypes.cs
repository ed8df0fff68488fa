namespace AgentGate.Gateway.Errors;

/// <summary>Stable error type names; clients match on these, so they never change.</summary>
internal static class ErrorTypes
{
    public const string Unauthenticated = "unauthenticated";
    public const string BadRequest = "bad_request";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string UnknownAgent = "unknown_agent";
    public const string UnknownProvider = "unknown_provider";
    public const string ProviderUnconfigured = "provider_unconfigured";
    public const string RequestTooLarge = "request_too_large";
    public const string UpstreamUnavailable = "upstream_unavailable";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string Denied = "denied";
    public const string Internal = "internal_error";
}
