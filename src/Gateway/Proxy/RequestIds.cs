using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Proxy;

/// <summary>Gives every call an id that appears in the response header and in its audit record.</summary>
internal static class RequestIds
{
    public const string Header = "x-agentgate-request-id";

    public static string Assign(HttpContext context)
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        Span<char> text = stackalloc char[4 + (2 * 12)];
        "req_".CopyTo(text);
        Convert.TryToHexStringLower(bytes, text[4..], out _);
        var id = new string(text);
        context.Response.Headers[Header] = id;
        return id;
    }
}
