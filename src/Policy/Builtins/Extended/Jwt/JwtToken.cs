using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>The three base64url sections of a compact JWS, decoded as OPA does.</summary>
internal sealed class JwtToken
{
    private JwtToken(string header, string payload, string signature)
    {
        Header = header;
        Payload = payload;
        Signature = signature;
    }

    public string Header { get; }

    public string Payload { get; }

    public string Signature { get; }

    public byte[] SigningInput => Encoding.ASCII.GetBytes(Header + "." + Payload);

    public static JwtToken Split(string builtin, string encoded)
    {
        if (!encoded.Contains('.', StringComparison.Ordinal))
        {
            throw BuiltinException.Error(builtin, "encoded JWT had no period separators");
        }

        var parts = encoded.Split('.');
        if (parts.Length != 3)
        {
            throw BuiltinException.Error(builtin, $"encoded JWT must have 3 sections, found {parts.Length}");
        }

        return new JwtToken(parts[0], parts[1], parts[2]);
    }

    public ObjectValue DecodeHeader(string builtin)
    {
        var bytes = GoBase64.TryDecodeUrl(Header, out var error)
            ?? throw BuiltinException.Error(builtin, $"JWT header had invalid encoding: {error}");
        var header = ParseObject(builtin, Encoding.UTF8.GetString(bytes), "bad JWT header: ");
        if (header.Get(StringValue.From("enc")) is not null)
        {
            throw BuiltinException.Error(builtin, "JWT is a JWE object, which is not supported");
        }

        return header;
    }

    public string DecodePayloadText(string builtin)
    {
        var bytes = GoBase64.TryDecodeUrl(Payload, out var error)
            ?? throw BuiltinException.Error(builtin, $"JWT payload had invalid encoding: {error}");
        return Encoding.UTF8.GetString(bytes);
    }

    public byte[] DecodeSignature(string builtin) =>
        GoBase64.TryDecodeUrl(Signature, out var error)
            ?? throw BuiltinException.Error(builtin, $"JWT signature had invalid encoding: {error}");

    public static ObjectValue ParseObject(string builtin, string json, string prefix = "")
    {
        Value parsed;
        try
        {
            parsed = ValueJson.Parse(json);
        }
        catch (FormatException e)
        {
            throw BuiltinException.Error(builtin, prefix + e.Message);
        }
        catch (System.Text.Json.JsonException e)
        {
            throw BuiltinException.Error(builtin, prefix + e.Message);
        }

        return parsed as ObjectValue ?? throw BuiltinException.Error(builtin, prefix + "JSON value was not an object");
    }

    /// <summary>Strips the quotes jwt.io-style encoders put around a nested token.</summary>
    public static string TrimNested(string payload) => payload.Trim('"', '\'');
}
