using System.Security.Cryptography;
using System.Text;

namespace AgentGate.Gateway.Identity;

/// <summary>The admin token, compared in constant time through its hash.</summary>
internal sealed class AdminCredential
{
    private readonly byte[] _hash;

    public AdminCredential(string token, bool generated)
    {
        _hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        Generated = generated;
        GeneratedToken = generated ? token : null;
    }

    public bool Generated { get; }

    /// <summary>Only set when the gateway generated the token itself, so it can be printed once at start.</summary>
    public string? GeneratedToken { get; private set; }

    public bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(_hash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    public string? TakeGeneratedToken()
    {
        var token = GeneratedToken;
        GeneratedToken = null;
        return token;
    }

    public static AdminCredential Generate() =>
        new("adm_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), generated: true);
}
