using System.Globalization;

namespace AgentGate.Gateway.Egress;

/// <summary>The head of an HTTP/1.1 <c>CONNECT host:port</c> request, parsed as a value.</summary>
internal sealed record ConnectRequest(string Host, int Port, string? ProxyAuthorization)
{
    public const int MaxHeadBytes = 16 * 1024;

    /// <summary>Parses the request head (without the blank line); null when it is not a well-formed CONNECT.</summary>
    public static ConnectRequest? Parse(string head)
    {
        var lines = head.Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length != 3 || parts[0] != "CONNECT" || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return null;
        }

        var authority = parts[1];
        var colon = authority.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(authority.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return null;
        }

        var host = authority[..colon];
        if (host.StartsWith('[') != host.EndsWith(']') || host.Length == 0)
        {
            return null;
        }

        string? proxyAuthorization = null;
        foreach (var line in lines.AsSpan(1))
        {
            var sep = line.IndexOf(':', StringComparison.Ordinal);
            if (sep > 0 && line.AsSpan(0, sep).Trim().Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase))
            {
                proxyAuthorization = line[(sep + 1)..].Trim();
            }
        }

        return new ConnectRequest(host.ToLowerInvariant(), port, proxyAuthorization);
    }
}
