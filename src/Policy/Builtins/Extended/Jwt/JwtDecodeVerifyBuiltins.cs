using System.Globalization;
using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>io.jwt.decode_verify: signature plus iss/aud/exp/nbf/alg constraints, as OPA checks them.</summary>
[BuiltinGroup]
internal static class JwtDecodeVerifyBuiltins
{
    private const string Name = "io.jwt.decode_verify";

    internal static void Register(BuiltinTable t) => t.Add(Name, 2, DecodeVerify);

    private static Value? DecodeVerify(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        var encoded = BuiltinArgs.String(Name, a, 0);
        var constraints = JwtConstraints.Parse(Name, BuiltinArgs.Object(Name, a, 1), context.NowNanos);
        var unverified = ArrayValue.From(BooleanValue.False, ObjectValue.Empty, ObjectValue.Empty);
        ObjectValue header;
        ObjectValue payload;
        while (true)
        {
            var token = JwtToken.Split(Name, encoded);
            header = token.DecodeHeader(Name);
            var alg = header.Get(StringValue.From("alg")) is StringValue s ? s.Value : string.Empty;
            if (alg.Length == 0 || HasUnknownCritical(header))
            {
                return unverified;
            }

            if (constraints.Alg.Length > 0 && constraints.Alg != alg)
            {
                return unverified;
            }

            var signature = token.DecodeSignature(Name);
            if (!JwsAlgorithms.IsKnown(alg))
            {
                throw BuiltinException.Error(Name, $"unknown JWS algorithm: {alg}");
            }

            var kid = header.Get(StringValue.From("kid")) is StringValue k ? k.Value : string.Empty;
            if (!VerifySignature(constraints, kid, alg, token.SigningInput, signature))
            {
                return unverified;
            }

            var payloadText = token.DecodePayloadText(Name);
            if (header.Get(StringValue.From("cty")) is StringValue cty && cty.Value.Equals("JWT", StringComparison.OrdinalIgnoreCase))
            {
                encoded = JwtToken.TrimNested(payloadText);
                continue;
            }

            payload = JwtToken.ParseObject(Name, payloadText);
            break;
        }

        return ClaimsValid(constraints, payload) ? ArrayValue.From(BooleanValue.True, header, payload) : unverified;
    }

    /// <summary>RFC 7515 4.1.11: a header parameter listed in "crit" that this implementation does not understand.</summary>
    private static bool HasUnknownCritical(ObjectValue header)
    {
        if (header.Get(StringValue.From("crit")) is not ArrayValue crit)
        {
            return false;
        }

        return crit.Items.OfType<StringValue>().Any(c =>
            c.Value is not ("alg" or "kid" or "typ" or "cty" or "crit") && header.Get(c) is not null);
    }

    private static bool VerifySignature(JwtConstraints constraints, string kid, string alg, byte[] input, byte[] signature)
    {
        if (constraints.Keys is { } keys)
        {
            if (kid.Length > 0 && keys.Find(key => key.Kid == kid) is { } byKid)
            {
                return JwsAlgorithms.Verify(byKid, alg, input, signature);
            }

            return keys.Exists(key => (key.Alg.Length == 0 || key.Alg == alg) && JwsAlgorithms.Verify(key, alg, input, signature));
        }

        var secret = new JwtKey { Secret = Encoding.UTF8.GetBytes(constraints.Secret) };
        return JwsAlgorithms.Verify(secret, alg, input, signature);
    }

    private static bool ClaimsValid(JwtConstraints constraints, ObjectValue payload)
    {
        if (constraints.Iss.Length > 0 && (payload.Get(StringValue.From("iss")) as StringValue)?.Value != constraints.Iss)
        {
            return false;
        }

        var aud = payload.Get(StringValue.From("aud"));
        if (aud is null ? constraints.Aud.Length > 0 : !ValidAudience(constraints.Aud, aud))
        {
            return false;
        }

        var now = ParseDecimalSeconds(constraints.TimeNanos / 1e9);
        if (payload.Get(StringValue.From("exp")) is { } exp)
        {
            var e = exp as NumberValue ?? throw BuiltinException.Error(Name, "exp value must be a number");
            if (Compare(now, e) != -1)
            {
                return false;
            }
        }

        if (payload.Get(StringValue.From("nbf")) is { } nbf)
        {
            var n = nbf as NumberValue ?? throw BuiltinException.Error(Name, "nbf value must be a number");
            if (Compare(now, n) == -1)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ValidAudience(string expected, Value aud) => aud switch
    {
        StringValue s => s.Value == expected,
        ArrayValue arr => arr.Items.Any(x => x is StringValue s && s.Value == expected),
        _ => false,
    };

    private static decimal? ParseDecimalSeconds(double seconds) =>
        decimal.TryParse(seconds.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static int Compare(decimal? now, NumberValue claim)
    {
        if (now is { } n && claim.ToDecimal() is { } c)
        {
            return n.CompareTo(c);
        }

        return (now is { } nd ? (double)nd : double.MaxValue).CompareTo(claim.ToDouble());
    }
}
