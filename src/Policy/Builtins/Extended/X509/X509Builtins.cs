using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.X509;

/// <summary>crypto.x509.*: certificates, chains, CSRs and key pairs from PEM, base64 PEM or base64 DER.</summary>
[BuiltinGroup]
internal static class X509Builtins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("crypto.x509.parse_certificates", 1, (_, a) =>
            ArrayValue.From(Certificates("crypto.x509.parse_certificates", BuiltinArgs.String("crypto.x509.parse_certificates", a, 0)).Select(c => (Value)X509Json.Certificate(c))));
        t.Add("crypto.x509.parse_certificate_request", 1, (_, a) => CertificateRequest(BuiltinArgs.String("crypto.x509.parse_certificate_request", a, 0)));
        t.Add("crypto.x509.parse_keypair", 2, (_, a) => KeyPair(BuiltinArgs.String("crypto.x509.parse_keypair", a, 0), BuiltinArgs.String("crypto.x509.parse_keypair", a, 1)));
    }

    public static List<X509Certificate2> Certificates(string builtin, string input)
    {
        try
        {
            return PemBlocks.Der(builtin, input, "CERTIFICATE").Select(X509CertificateLoader.LoadCertificate).ToList();
        }
        catch (CryptographicException e)
        {
            throw BuiltinException.Error(builtin, "x509: malformed certificate: " + e.Message);
        }
    }

    private static Value CertificateRequest(string input)
    {
        const string Name = "crypto.x509.parse_certificate_request";
        var der = PemBlocks.Der(Name, input, "CERTIFICATE REQUEST").FirstOrDefault()
            ?? throw BuiltinException.Error(Name, "invalid PEM-encoded certificate signing request");
        try
        {
            var request = System.Security.Cryptography.X509Certificates.CertificateRequest.LoadSigningRequest(
                der, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.SkipSignatureValidation);
            return X509Json.Obj(
                ("Raw", StringValue.From(Convert.ToBase64String(der))),
                ("Subject", X509Json.Name(request.SubjectName)));
        }
        catch (CryptographicException)
        {
            throw BuiltinException.Error(Name, "asn1: structure error: invalid certificate signing request");
        }
    }

    private static Value KeyPair(string certInput, string keyInput)
    {
        const string Name = "crypto.x509.parse_keypair";
        var certs = Certificates(Name, certInput);
        if (certs.Count == 0)
        {
            throw BuiltinException.Error(Name, "tls: failed to find any PEM data in certificate input");
        }

        var key = RsaKeyBuiltins.PrivateKeys(Name, keyInput).FirstOrDefault()
            ?? throw BuiltinException.Error(Name, "tls: failed to find any PEM data in key input");
        try
        {
            using var paired = key switch
            {
                RSA rsa => certs[0].CopyWithPrivateKey(rsa),
                ECDsa ec => certs[0].CopyWithPrivateKey(ec),
                _ => throw BuiltinException.Error(Name, "tls: unknown private key type"),
            };
        }
        catch (CryptographicException)
        {
            throw BuiltinException.Error(Name, "tls: private key does not match public key");
        }

        return X509Json.Obj(
            ("Certificate", ArrayValue.From(certs.Select(c => (Value)StringValue.From(Convert.ToBase64String(c.RawData))))),
            ("PrivateKey", RsaKeyBuiltins.Jwk(key)),
            ("Leaf", X509Json.Certificate(certs[0])));
    }
}
