using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>Reads verification keys from a PEM certificate/public key or a JWK / JWK set, like OPA.</summary>
internal static class JwtKeyParser
{
    public static List<JwtKey> FromCertOrJwk(string builtin, string text)
    {
        var block = Pem.TryDecode(text, out var rest);
        if (block is not null)
        {
            if (rest.Length > 0)
            {
                throw BuiltinException.Error(builtin, "extra data after a PEM certificate block");
            }

            return [FromPemBlock(builtin, block)];
        }

        ObjectValue jwk;
        try
        {
            jwk = JwtToken.ParseObject(builtin, text);
        }
        catch (BuiltinException)
        {
            throw BuiltinException.Error(builtin, "failed to parse a JWK key (set): invalid JSON");
        }

        return FromJwkSet(builtin, jwk, "failed to parse a JWK key (set): ");
    }

    public static List<JwtKey> FromJwkSet(string builtin, ObjectValue jwk, string prefix)
    {
        if (jwk.Get(StringValue.From("keys")) is ArrayValue keys)
        {
            var result = new List<JwtKey>();
            foreach (var key in keys.Items)
            {
                result.Add(FromJwk(builtin, key as ObjectValue ?? throw BuiltinException.Error(builtin, prefix + "invalid key"), prefix));
            }

            return result;
        }

        return [FromJwk(builtin, jwk, prefix)];
    }

    public static JwtKey FromJwk(string builtin, ObjectValue jwk, string prefix)
    {
        string Str(string name) => jwk.Get(StringValue.From(name)) is StringValue s ? s.Value : string.Empty;
        byte[]? Bytes(string name) => Str(name) is { Length: > 0 } s ? GoBase64.TryDecodeUrl(s, out _) : null;
        byte[] Required(string name) => Bytes(name) ?? throw BuiltinException.Error(builtin, prefix + $"required field {name} is missing");

        var kid = Str("kid");
        var alg = Str("alg");
        try
        {
            switch (Str("kty"))
            {
                case "RSA":
                    var p = new RSAParameters { Modulus = Required("n"), Exponent = Required("e") };
                    if (Bytes("d") is { } d)
                    {
                        p.D = Pad(d, p.Modulus.Length);
                        var half = (p.Modulus.Length + 1) / 2;
                        p.P = Pad(Required("p"), half);
                        p.Q = Pad(Required("q"), half);
                        p.DP = Pad(Required("dp"), half);
                        p.DQ = Pad(Required("dq"), half);
                        p.InverseQ = Pad(Required("qi"), half);
                    }

                    return new JwtKey { Kid = kid, Alg = alg, Rsa = RSA.Create(p) };
                case "EC":
                    var curve = Str("crv") switch
                    {
                        "P-256" => ECCurve.NamedCurves.nistP256,
                        "P-384" => ECCurve.NamedCurves.nistP384,
                        "P-521" => ECCurve.NamedCurves.nistP521,
                        var other => throw BuiltinException.Error(builtin, prefix + $"unsupported curve {other}"),
                    };
                    var ec = new ECParameters { Curve = curve, Q = new ECPoint { X = Required("x"), Y = Required("y") } };
                    if (Bytes("d") is { } ecd)
                    {
                        ec.D = ecd;
                    }

                    return new JwtKey { Kid = kid, Alg = alg, Ec = ECDsa.Create(ec) };
                case "oct":
                    return new JwtKey { Kid = kid, Alg = alg, Secret = Bytes("k") ?? [] };
                case "OKP" when Str("crv") == "Ed25519":
                    return new JwtKey { Kid = kid, Alg = alg, EdPublic = Required("x"), EdPrivateSeed = Bytes("d") };
                default:
                    throw BuiltinException.Error(builtin, prefix + $"invalid key type from JSON ({Str("kty")})");
            }
        }
        catch (CryptographicException e)
        {
            throw BuiltinException.Error(builtin, prefix + e.Message);
        }
    }

    private static byte[] Pad(byte[] value, int length)
    {
        if (value.Length >= length)
        {
            return value;
        }

        var padded = new byte[length];
        value.CopyTo(padded, length - value.Length);
        return padded;
    }

    private static JwtKey FromPemBlock(string builtin, Pem block)
    {
        if (block.Type == "CERTIFICATE")
        {
            try
            {
                using var cert = X509CertificateLoader.LoadCertificate(block.Bytes);
                return FromPublicKey(cert.GetRSAPublicKey(), cert.GetECDsaPublicKey(), cert.PublicKey.Oid.Value == "1.3.101.112" ? cert.PublicKey.EncodedKeyValue.RawData : null);
            }
            catch (CryptographicException e)
            {
                throw BuiltinException.Error(builtin, $"failed to parse a PEM certificate: {e.Message}");
            }
        }

        if (block.Type == "PUBLIC KEY")
        {
            return FromSubjectPublicKeyInfo(builtin, block.Bytes);
        }

        throw BuiltinException.Error(builtin, "failed to extract a Key from the PEM certificate");
    }

    private static JwtKey FromSubjectPublicKeyInfo(string builtin, byte[] spki)
    {
        // Ed25519 SPKI: 30 2a 30 05 06 03 2b 65 70 03 21 00 || 32-byte key.
        if (spki.Length == 44 && spki[4] == 0x06 && spki[6] == 0x2b && spki[7] == 0x65 && spki[8] == 0x70)
        {
            return new JwtKey { EdPublic = spki[12..] };
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportSubjectPublicKeyInfo(spki, out _);
            return new JwtKey { Rsa = rsa };
        }
        catch (CryptographicException)
        {
            try
            {
                var ec = ECDsa.Create();
                ec.ImportSubjectPublicKeyInfo(spki, out _);
                return new JwtKey { Ec = ec };
            }
            catch (CryptographicException e)
            {
                throw BuiltinException.Error(builtin, $"failed to parse a PEM public key: {e.Message}");
            }
        }
    }

    private static JwtKey FromPublicKey(RSA? rsa, ECDsa? ec, byte[]? ed) => new() { Rsa = rsa, Ec = ec, EdPublic = ed };
}
