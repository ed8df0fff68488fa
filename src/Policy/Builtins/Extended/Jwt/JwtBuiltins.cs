using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>io.jwt.decode and the io.jwt.verify_* family.</summary>
[BuiltinGroup]
internal static class JwtBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("io.jwt.decode", 1, (_, a) => Decode(BuiltinArgs.String("io.jwt.decode", a, 0)));
        foreach (var alg in new[] { "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512" })
        {
            var name = "io.jwt.verify_" + alg.ToLowerInvariant();
            t.Add(name, 2, (_, a) => VerifyWithKeys(name, alg, a));
        }

        t.Add("io.jwt.verify_eddsa", 2, (_, a) => VerifyWithKeys("io.jwt.verify_eddsa", "EdDSA", a));
        foreach (var alg in new[] { "HS256", "HS384", "HS512" })
        {
            var name = "io.jwt.verify_" + alg.ToLowerInvariant();
            t.Add(name, 2, (_, a) => VerifyWithSecret(name, alg, a));
        }
    }

    private static Value Decode(string encoded)
    {
        const string Name = "io.jwt.decode";
        while (true)
        {
            var token = JwtToken.Split(Name, encoded);
            var header = token.DecodeHeader(Name);
            var payloadText = token.DecodePayloadText(Name);
            if (header.Get(StringValue.From("cty")) is StringValue { Value: "JWT" })
            {
                encoded = JwtToken.TrimNested(payloadText);
                continue;
            }

            var payload = JwtToken.ParseObject(Name, payloadText);
            var signature = token.DecodeSignature(Name);
            return ArrayValue.From(header, payload, StringValue.From(Convert.ToHexStringLower(signature)));
        }
    }

    private static Value VerifyWithKeys(string name, string alg, ReadOnlySpan<Value> a)
    {
        var token = JwtToken.Split(name, BuiltinArgs.String(name, a, 0));
        var keys = JwtKeyParser.FromCertOrJwk(name, BuiltinArgs.String(name, a, 1));
        var signature = token.DecodeSignature(name);
        var header = token.DecodeHeader(name);
        var kid = header.Get(StringValue.From("kid")) is StringValue k ? k.Value : string.Empty;
        var headerAlg = header.Get(StringValue.From("alg")) is StringValue h ? h.Value : string.Empty;
        var input = token.SigningInput;
        if (kid.Length > 0 && keys.Find(key => key.Kid == kid) is { } byKid)
        {
            return BooleanValue.From(JwsAlgorithms.Verify(byKid, alg, input, signature));
        }

        foreach (var key in keys)
        {
            if ((key.Alg.Length == 0 || key.Alg == headerAlg) && JwsAlgorithms.Verify(key, alg, input, signature))
            {
                return BooleanValue.True;
            }
        }

        return BooleanValue.False;
    }

    private static Value VerifyWithSecret(string name, string alg, ReadOnlySpan<Value> a)
    {
        var token = JwtToken.Split(name, BuiltinArgs.String(name, a, 0));
        var secret = Encoding.UTF8.GetBytes(BuiltinArgs.String(name, a, 1));
        var signature = token.DecodeSignature(name);
        var key = new JwtKey { Secret = secret };
        return BooleanValue.From(JwsAlgorithms.Verify(key, alg, token.SigningInput, signature));
    }
}
