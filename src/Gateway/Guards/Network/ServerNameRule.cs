using System.Net;

namespace AgentGate.Gateway.Guards.Network;

/// <summary>
/// A TLS tunnel must name the host it was opened for: the ClientHello's SNI equals the CONNECT host, so an agent
/// cannot open a tunnel to an allowed host and speak to another one behind it (domain fronting, shared CDNs).
/// A ClientHello without SNI is accepted only when the CONNECT host is an IP literal (clients send none then).
/// </summary>
internal static class ServerNameRule
{
    public const string MismatchError = "tls_server_name_mismatch";
    public const string MalformedError = "tls_client_hello_malformed";

    /// <returns>Null when the tunnel may go on (or is not TLS, which the policy decides); else (error type, message).</returns>
    public static (string Type, string Message)? Check(TlsPeek peek, string connectHost) => peek.Kind switch
    {
        TlsPeekKind.Malformed => (MalformedError, "the tunnel starts like TLS but is not a well-formed ClientHello"),
        TlsPeekKind.ClientHello when peek.ServerName is null && !IPAddress.TryParse(connectHost, out _) =>
            (MismatchError, $"the TLS ClientHello names no server; the tunnel was opened for '{connectHost}'"),
        TlsPeekKind.ClientHello when peek.ServerName is { } sni && !sni.Equals(connectHost.TrimEnd('.'), StringComparison.OrdinalIgnoreCase) =>
            (MismatchError, $"the TLS server name '{sni}' is not the CONNECT host '{connectHost}'"),
        _ => null,
    };
}
