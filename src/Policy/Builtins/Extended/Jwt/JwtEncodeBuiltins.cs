using System.Text;
using System.Text.Json;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>io.jwt.encode_sign and io.jwt.encode_sign_raw (JWK signing keys).</summary>
[BuiltinGroup]
internal static class JwtEncodeBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add(new BuiltinDefinition("io.jwt.encode_sign", 3, EncodeSign) { Nondeterministic = true });
        t.Add(new BuiltinDefinition("io.jwt.encode_sign_raw", 3, EncodeSignRaw) { Nondeterministic = true });
    }

    private static Value? EncodeSign(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "io.jwt.encode_sign";
        var header = GoJson.Serialize(BuiltinArgs.Object(Name, a, 0));
        var payload = GoJson.Serialize(BuiltinArgs.Object(Name, a, 1));
        var key = BuiltinArgs.Object(Name, a, 2);
        return Sign(Name, header, payload, key);
    }

    private static Value? EncodeSignRaw(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "io.jwt.encode_sign_raw";
        var header = BuiltinArgs.String(Name, a, 0);
        var payload = BuiltinArgs.String(Name, a, 1);
        var key = JwtToken.ParseObject(Name, BuiltinArgs.String(Name, a, 2), "failed to parse JWK: ");
        return Sign(Name, header, payload, key);
    }

    private static StringValue Sign(string name, string header, string payload, ObjectValue jwk)
    {
        var keys = JwtKeyParser.FromJwkSet(name, jwk, "failed to parse JWK: ");
        if (keys.Count == 0)
        {
            throw BuiltinException.Error(name, "failed to parse JWK: no keys");
        }

        var (alg, typ) = ReadHeader(name, header);
        if ((typ.Length == 0 || typ == "JWT") && !IsJson(payload))
        {
            throw BuiltinException.Error(name, "type is JWT but payload is not JSON");
        }

        if (!JwsAlgorithms.IsKnown(alg))
        {
            throw BuiltinException.Error(name, $"unknown JWS algorithm: {alg}");
        }

        var signingInput = GoBase64.EncodeUrl(Encoding.UTF8.GetBytes(header)) + "." + GoBase64.EncodeUrl(Encoding.UTF8.GetBytes(payload));
        var signature = JwsAlgorithms.Sign(name, keys[0], alg, Encoding.ASCII.GetBytes(signingInput));
        return StringValue.From(signingInput + "." + GoBase64.EncodeUrl(signature));
    }

    private static (string Alg, string Typ) ReadHeader(string name, string header)
    {
        const string Prefix = "missing or invalid 'alg' header: ";
        if (header.Length == 0)
        {
            throw BuiltinException.Error(name, Prefix + "cannot parse JSON: cannot parse empty string");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException)
        {
            var message = header.TrimStart().StartsWith('{') ? "cannot parse JSON" : "jwsbb: header \"alg\" not found";
            throw BuiltinException.Error(name, Prefix + message);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String)
            {
                throw BuiltinException.Error(name, Prefix + "jwsbb: header \"alg\" not found");
            }

            var typ = root.TryGetProperty("typ", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : string.Empty;
            return (alg.GetString()!, typ);
        }
    }

    private static bool IsJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
