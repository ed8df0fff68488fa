using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class JwtTests
{
    private const string Hs256Token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIwIiwiaXNzIjoib3BhIn0.XmVoLoHI3pxMtMO_WRONMSJzGUDP9pDjy8Jp0_tdRXY";
    private const string OctKey = "{\"k\": \"AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow\", \"kty\": \"oct\"}";
    private const string EdKey = "{\"kty\": \"OKP\", \"alg\": \"EdDSA\", \"crv\": \"Ed25519\", \"x\": \"wEZFfoAj1rFKTLOOmjJjVZlCHwksuvMb2I5y_hg70E8\", \"d\": \"9XI34uQzYUJfWhDZf_0nYsLMBRVu8a6dFsy60P8uugk\"}";

    [Fact]
    public void Decode_Simple_HeaderPayloadSignature()
    {
        var result = Builtin("io.jwt.decode", S(Hs256Token));
        Assert.Equal(J("[{\"alg\":\"HS256\",\"typ\":\"JWT\"},{\"iss\":\"opa\",\"sub\":\"0\"},\"5e65682e81c8de9c4cb4c3bf59138d3122731940cff690e3cbc269d3fb5d4576\"]"), result);
    }

    [Theory]
    [InlineData("abc", "encoded JWT had no period separators")]
    [InlineData("a.b", "encoded JWT must have 3 sections, found 2")]
    [InlineData("eyJhbGciOiJIU^%zI1NiI+sInR5cCI6IkpXVCJ9.e30.e30", "JWT header had invalid encoding: illegal base64 data at input byte 13")]
    public void Decode_Malformed_OpaErrorText(string token, string message) =>
        Assert.Contains(message, Error("io.jwt.decode", S(token)).Message, StringComparison.Ordinal);

    [Fact]
    public void EncodeSign_Hs256EmptyPayload_MatchesOpa() =>
        Assert.Equal(
            S("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.e30.6cvao8lnOu6FAdK68jQFcDMXOmaWNwWiYhCgijd-AD8"),
            Builtin("io.jwt.encode_sign", J("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"), ObjectValue.Empty, J(OctKey)));

    [Fact]
    public void EncodeSignRaw_EdDsa_MatchesOpa() =>
        Assert.Equal(
            S("eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJqb2UiLCJleHAiOjEzMDA4MTkzODAsImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.jS1so-rsTaC8DdA8_ZnFXYbi9xOrMVXOviMFrahQ7ez0UKKzjU-2vxrM0ON-Vu3GXKhtBkkO3SUtNMoeYw3zDQ"),
            Builtin("io.jwt.encode_sign_raw", S("{\"alg\":\"EdDSA\",\"typ\":\"JWT\"}"), S("{\"iss\":\"joe\",\"exp\":1300819380,\"http://example.com/is_root\":true}"), S(EdKey)));

    [Theory]
    [InlineData("{}", "missing or invalid 'alg' header: jwsbb: header \"alg\" not found")]
    [InlineData("{\"alg\":\"dummy\"}", "unknown JWS algorithm: dummy")]
    public void EncodeSignRaw_BadHeader_OpaErrorText(string header, string message) =>
        Assert.Contains(message, Error("io.jwt.encode_sign_raw", S(header), S("{}"), S(OctKey)).Message, StringComparison.Ordinal);

    [Fact]
    public void EncodeSign_HtmlAndUnicodeClaims_GoJsonPayload()
    {
        var token = ((StringValue)Builtin("io.jwt.encode_sign", J("{\"alg\":\"HS256\"}"), J("{\"b\":\"<&>\",\"a\":\"é😀\"}"), J(OctKey))!).Value;
        var payload = token.Split('.')[1];
        var padded = payload.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (payload.Length % 4)) % 4);
        Assert.Equal("{\"a\":\"é😀\",\"b\":\"\\u003c\\u0026\\u003e\"}", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
    }

    [Fact]
    public void VerifyHs512_GoodAndTampered_TrueThenFalse()
    {
        const string Token = "eyJhbGciOiJIUzUxMiJ9.eyJTY29wZXMiOlsiZm9vIiwiYmFyIl0sIm5iZiI6MTQ1MTYwNjQwMH0.F6-xviRhK2OLcJJHFivhQqMN_dgX5boDrwbVKkdo9flQQNk-AaKpH3uYycFvBEd_erVefcsri_PkL4fjLSZ7ZA";
        Assert.Equal(BooleanValue.True, Builtin("io.jwt.verify_hs512", S(Token), S("secret")));
        Assert.Equal(BooleanValue.False, Builtin("io.jwt.verify_hs512", S(Token[..^3] + "BAD"), S("secret")));
    }

    [Fact]
    public void DecodeVerify_SignedWithSecret_VerifiedAndExpiryChecked()
    {
        var token = (StringValue)Builtin("io.jwt.encode_sign", J("{\"alg\":\"HS256\"}"), J("{\"iss\":\"me\",\"exp\":2000000000}"), J("{\"kty\":\"oct\",\"k\":\"NDI\"}"))!;
        var ok = (ArrayValue)Builtin("io.jwt.decode_verify", token, J("{\"secret\":\"42\",\"iss\":\"me\"}"))!;
        Assert.Equal(BooleanValue.True, ok[0]);
        var late = (ArrayValue)Builtin("io.jwt.decode_verify", token, J("{\"secret\":\"42\",\"time\":2000000000000000000}"))!;
        Assert.Equal(BooleanValue.False, late[0]);
        var wrongIss = (ArrayValue)Builtin("io.jwt.decode_verify", token, J("{\"secret\":\"42\",\"iss\":\"you\"}"))!;
        Assert.Equal(BooleanValue.False, wrongIss[0]);
    }

    [Fact]
    public void DecodeVerify_NoKey_BuiltinError() =>
        Assert.Equal(BuiltinException.BuiltinErrorCode, Error("io.jwt.decode_verify", S(Hs256Token), ObjectValue.Empty).Code);
}
