using System.Security.Cryptography;
using AgentGate.Policy.Builtins.Extended.Jwt;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.X509;

/// <summary>crypto.x509.parse_rsa_private_key and crypto.parse_private_keys (keys as JWK objects).</summary>
[BuiltinGroup]
internal static class RsaKeyBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("crypto.x509.parse_rsa_private_key", 1, (_, a) => FirstKey(BuiltinArgs.String("crypto.x509.parse_rsa_private_key", a, 0)));
        t.Add("crypto.parse_private_keys", 1, (_, a) =>
        {
            var input = BuiltinArgs.String("crypto.parse_private_keys", a, 0);
            return input.Length == 0 ? NullValue.Instance
                : ArrayValue.From(PemBlocks.All(input).Select(Import).OfType<AsymmetricAlgorithm>().Select(Jwk));
        });
    }

    public static List<AsymmetricAlgorithm> PrivateKeys(string builtin, string input)
    {
        if (!input.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            input = System.Text.Encoding.UTF8.GetString(GoStdBase64.Decode(builtin, input));
        }

        var keys = new List<AsymmetricAlgorithm>();
        foreach (var block in PemBlocks.All(input))
        {
            if (Import(block) is { } key)
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    public static Value Jwk(AsymmetricAlgorithm key)
    {
        static Value B(byte[]? bytes) => StringValue.From(GoBase64.EncodeUrl(Trim(bytes ?? [])));
        switch (key)
        {
            case RSA rsa:
                var p = rsa.ExportParameters(true);
                return X509Json.Obj(("d", B(p.D)), ("dp", B(p.DP)), ("dq", B(p.DQ)), ("e", B(p.Exponent)), ("kty", StringValue.From("RSA")),
                    ("n", B(p.Modulus)), ("p", B(p.P)), ("q", B(p.Q)), ("qi", B(p.InverseQ)));
            case ECDsa ec:
                var e = ec.ExportParameters(true);
                var crv = e.Curve.Oid.FriendlyName switch { "nistP384" => "P-384", "nistP521" => "P-521", _ => "P-256" };
                return X509Json.Obj(("crv", StringValue.From(crv)), ("d", StringValue.From(GoBase64.EncodeUrl(e.D))), ("kty", StringValue.From("EC")),
                    ("x", StringValue.From(GoBase64.EncodeUrl(e.Q.X))), ("y", StringValue.From(GoBase64.EncodeUrl(e.Q.Y))));
            default:
                return NullValue.Instance;
        }
    }

    private static Value FirstKey(string input)
    {
        const string Name = "crypto.x509.parse_rsa_private_key";
        if (input.Length == 0)
        {
            throw BuiltinException.Error(Name, "input PEM data was empty");
        }

        return PrivateKeys(Name, input).FirstOrDefault() is { } key ? Jwk(key) : NullValue.Instance;
    }

    private static AsymmetricAlgorithm? Import(Pem block)
    {
        try
        {
            switch (block.Type)
            {
                case "RSA PRIVATE KEY":
                    var rsa = RSA.Create();
                    rsa.ImportRSAPrivateKey(block.Bytes, out _);
                    return rsa;
                case "EC PRIVATE KEY":
                    var ec = ECDsa.Create();
                    ec.ImportECPrivateKey(block.Bytes, out _);
                    return ec;
                case "PRIVATE KEY":
                    try
                    {
                        var pk = RSA.Create();
                        pk.ImportPkcs8PrivateKey(block.Bytes, out _);
                        return pk;
                    }
                    catch (CryptographicException)
                    {
                        var pe = ECDsa.Create();
                        pe.ImportPkcs8PrivateKey(block.Bytes, out _);
                        return pe;
                    }

                default:
                    return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    private static byte[] Trim(byte[] bytes)
    {
        var i = 0;
        while (i < bytes.Length - 1 && bytes[i] == 0)
        {
            i++;
        }

        return bytes[i..];
    }
}
