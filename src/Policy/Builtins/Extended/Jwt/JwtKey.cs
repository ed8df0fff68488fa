using System.Security.Cryptography;

namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>One signing or verification key: RSA, EC, a shared secret or an Ed25519 key pair.</summary>
internal sealed class JwtKey
{
    public string Kid { get; init; } = string.Empty;

    public string Alg { get; init; } = string.Empty;

    public RSA? Rsa { get; init; }

    public ECDsa? Ec { get; init; }

    public byte[]? Secret { get; init; }

    public byte[]? EdPublic { get; init; }

    public byte[]? EdPrivateSeed { get; init; }
}
