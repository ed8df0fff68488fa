using System.Text;
using AgentGate.Gateway.Identity;

namespace AgentGate.Gateway.Egress;

/// <summary>
/// Reads the agent token from <c>Proxy-Authorization</c>: <c>Basic base64(agent:TOKEN)</c> (what HTTPS_PROXY
/// URLs with user info produce) or <c>Bearer TOKEN</c>.
/// </summary>
internal static class ProxyAuthentication
{
    public const string Challenge = "Basic realm=\"agentgate\"";

    public static string? Token(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        header = header.Trim();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header[7..].Trim();
        }

        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var encoded = header[6..].Trim();
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : text[(colon + 1)..];
    }

    public static ValueTask<TokenCheck> CheckAsync(TokenStore tokens, string? header, CancellationToken cancellationToken) => tokens.CheckAsync(Token(header), cancellationToken);
}
