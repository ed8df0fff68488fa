using System.Text;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Identity;

/// <summary>
/// Finds the agent token where SDKs put their API key: <c>x-api-key</c> (Anthropic),
/// <c>Authorization: Bearer</c> (OpenAI), or the password of HTTP Basic (git, curl -u).
/// </summary>
internal static class TokenExtractor
{
    public static string? Extract(IHeaderDictionary headers)
    {
        var apiKey = headers["x-api-key"].ToString();
        if (apiKey.Length > 0)
        {
            return apiKey.Trim();
        }

        var authorization = headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization[7..].Trim();
        }

        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return BasicPassword(authorization[6..].Trim());
        }

        return null;
    }

    private static string? BasicPassword(string encoded)
    {
        var buffer = new byte[encoded.Length];
        if (!Convert.TryFromBase64String(encoded, buffer, out var written))
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(buffer, 0, written);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? null : text[(colon + 1)..];
    }
}
