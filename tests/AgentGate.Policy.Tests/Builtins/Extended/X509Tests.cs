using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class X509Tests
{
    private static X509Certificate2 SelfSigned(ECDsa key, string cn, string? dns = null)
    {
        var request = new CertificateRequest("CN=" + cn, key, HashAlgorithmName.SHA256);
        if (dns is not null)
        {
            var san = new SubjectAlternativeNameBuilder();
            san.AddDnsName(dns);
            request.CertificateExtensions.Add(san.Build());
        }

        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
    }

    [Fact]
    public void ParseCertificates_PemWithSan_SubjectAndDnsNames()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = SelfSigned(key, "svc.local", "svc.local");
        var parsed = (ArrayValue)Builtin("crypto.x509.parse_certificates", S(cert.ExportCertificatePem()))!;
        var first = (ObjectValue)parsed[0];
        Assert.Equal(S("svc.local"), ((ObjectValue)first.Get(S("Subject"))!).Get(S("CommonName")));
        Assert.Equal(J("[\"svc.local\"]"), first.Get(S("DNSNames")));
    }

    [Fact]
    public void ParseAndVerifyCertificates_RootThenLeaf_ValidChainLeafFirst()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=leaf", leafKey, HashAlgorithmName.SHA256);
        using var leaf = leafRequest.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [1, 2, 3]);
        var context = new AgentGate.Policy.Builtins.BuiltinContext(DateTimeOffset.UtcNow);
        var result = (ArrayValue)Builtin(context, "crypto.x509.parse_and_verify_certificates", S(root.ExportCertificatePem() + "\n" + leaf.ExportCertificatePem()))!;
        Assert.Equal(BooleanValue.True, result[0]);
        var chain = (ArrayValue)result[1];
        Assert.Equal(S("leaf"), ((ObjectValue)((ObjectValue)chain[0]).Get(S("Subject"))!).Get(S("CommonName")));
    }

    [Fact]
    public void ParseAndVerifyWithOptions_WrongDnsName_Invalid()
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Root", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var root = rootRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=svc", leafKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("svc.example");
        leafRequest.CertificateExtensions.Add(san.Build());
        using var leaf = leafRequest.Create(root, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(10), [7]);
        var pems = S(root.ExportCertificatePem() + "\n" + leaf.ExportCertificatePem());
        var context = new AgentGate.Policy.Builtins.BuiltinContext(DateTimeOffset.UtcNow);
        const string Name = "crypto.x509.parse_and_verify_certificates_with_options";
        Assert.Equal(BooleanValue.True, ((ArrayValue)Builtin(context, Name, pems, J("{\"DNSName\": \"svc.example\"}"))!)[0]);
        Assert.Equal(BooleanValue.False, ((ArrayValue)Builtin(context, Name, pems, J("{\"DNSName\": \"other.example\"}"))!)[0]);
        Assert.Contains("invalid key option", Error(Name, pems, J("{\"Bogus\": 1}")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseRsaPrivateKey_EcKey_EcJwk()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var jwk = (ObjectValue)Builtin("crypto.x509.parse_rsa_private_key", S(key.ExportECPrivateKeyPem()))!;
        Assert.Equal(S("EC"), jwk.Get(S("kty")));
    }

    [Fact]
    public void ParseAndVerifyCertificates_SingleCert_Invalid()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = SelfSigned(key, "alone");
        Assert.Equal(J("[false, []]"), Builtin("crypto.x509.parse_and_verify_certificates", S(cert.ExportCertificatePem())));
    }

    [Fact]
    public void ParseCertificateRequest_Pem_CommonName()
    {
        using var key = RSA.Create(2048);
        var csr = new CertificateRequest("CN=example.com", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSigningRequestPem();
        var parsed = (ObjectValue)Builtin("crypto.x509.parse_certificate_request", S(csr))!;
        Assert.Equal(S("example.com"), ((ObjectValue)parsed.Get(S("Subject"))!).Get(S("CommonName")));
    }

    [Fact]
    public void ParseRsaPrivateKey_Pkcs1Pem_JwkWithModulus()
    {
        using var key = RSA.Create(2048);
        var jwk = (ObjectValue)Builtin("crypto.x509.parse_rsa_private_key", S(key.ExportRSAPrivateKeyPem()))!;
        Assert.Equal(S("RSA"), jwk.Get(S("kty")));
        Assert.Equal(S("AQAB"), jwk.Get(S("e")));
        var n = Convert.ToBase64String(key.ExportParameters(false).Modulus!).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(S(n), jwk.Get(S("n")));
    }

    [Fact]
    public void ParseRsaPrivateKey_NotBase64_IllegalBase64Error() =>
        Assert.Contains("illegal base64", Error("crypto.x509.parse_rsa_private_key", S("invalid")).Message, StringComparison.Ordinal);

    [Fact]
    public void ParsePrivateKeys_EmptyAndGarbage_NullAndEmpty()
    {
        Assert.Equal(NullValue.Instance, Builtin("crypto.parse_private_keys", S("")));
        Assert.Equal(ArrayValue.Empty, Builtin("crypto.parse_private_keys", S("nope")));
        Assert.Equal(ArrayValue.Empty, Builtin("crypto.parse_private_keys", S("not base64!")));
    }

    [Fact]
    public void ParseKeypair_MatchingPair_CertificateDer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var cert = SelfSigned(key, "pair");
        var result = (ObjectValue)Builtin("crypto.x509.parse_keypair", S(cert.ExportCertificatePem()), S(key.ExportECPrivateKeyPem()))!;
        Assert.Equal(S(Convert.ToBase64String(cert.RawData)), ((ArrayValue)result.Get(S("Certificate"))!)[0]);
    }
}
