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
        var id = "req_" + Convert.ToHexStringLower(bytes);
        context.Response.Headers[Header] = id;
        return id;
    }
}
