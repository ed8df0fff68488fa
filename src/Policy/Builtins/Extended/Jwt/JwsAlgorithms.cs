using System.Security.Cryptography;

namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>The JWS algorithms OPA supports: HS*, RS*, PS*, ES* and EdDSA.</summary>
internal static class JwsAlgorithms
{
    public static bool IsKnown(string alg) => alg is "HS256" or "HS384" or "HS512" or "RS256" or "RS384" or "RS512"
        or "PS256" or "PS384" or "PS512" or "ES256" or "ES384" or "ES512" or "EdDSA";

    public static HashAlgorithmName Hash(string alg) => alg[2..] switch
    {
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    public static byte[] Hmac(string alg, byte[] key, byte[] input) => alg switch
    {
        "HS384" => HMACSHA384.HashData(key, input),
        "HS512" => HMACSHA512.HashData(key, input),
        _ => HMACSHA256.HashData(key, input),
    };

    public static bool Verify(JwtKey key, string alg, byte[] input, byte[] signature)
    {
        try
        {
            return alg switch
            {
                "HS256" or "HS384" or "HS512" => key.Secret is { } secret
                    && CryptographicOperations.FixedTimeEquals(Hmac(alg, secret, input), signature),
                "RS256" or "RS384" or "RS512" => key.Rsa is { } rsa
                    && rsa.VerifyData(input, signature, Hash(alg), RSASignaturePadding.Pkcs1),
                "PS256" or "PS384" or "PS512" => key.Rsa is { } pss
                    && pss.VerifyData(input, signature, Hash(alg), RSASignaturePadding.Pss),
                "ES256" or "ES384" or "ES512" => key.Ec is { } ec
                    && ec.VerifyData(input, signature, Hash(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                "EdDSA" => key.EdPublic is { } ed && Ed25519.Verify(ed, input, signature),
                _ => false,
            };
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    public static byte[] Sign(string builtin, JwtKey key, string alg, byte[] input)
    {
        try
        {
            return alg switch
            {
                "HS256" or "HS384" or "HS512" => Hmac(alg, key.Secret ?? throw WrongKey(builtin, alg), input),
                "RS256" or "RS384" or "RS512" => (key.Rsa ?? throw WrongKey(builtin, alg)).SignData(input, Hash(alg), RSASignaturePadding.Pkcs1),
                "PS256" or "PS384" or "PS512" => (key.Rsa ?? throw WrongKey(builtin, alg)).SignData(input, Hash(alg), RSASignaturePadding.Pss),
                "ES256" or "ES384" or "ES512" => (key.Ec ?? throw WrongKey(builtin, alg)).SignData(input, Hash(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
                "EdDSA" => Ed25519.Sign(key.EdPrivateSeed ?? throw WrongKey(builtin, alg), input),
                _ => throw BuiltinException.Error(builtin, $"unknown JWS algorithm: {alg}"),
            };
        }
        catch (CryptographicException e)
        {
            throw BuiltinException.Error(builtin, $"failed to sign payload: {e.Message}");
        }
    }

    private static BuiltinException WrongKey(string builtin, string alg) =>
        BuiltinException.Error(builtin, $"failed to sign payload: key type does not match algorithm {alg}");
}
