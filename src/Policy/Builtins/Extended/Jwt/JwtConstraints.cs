using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>The constraints object of io.jwt.decode_verify.</summary>
internal sealed class JwtConstraints
{
    public List<JwtKey>? Keys { get; private set; }

    public string Secret { get; private set; } = string.Empty;

    public string Alg { get; private set; } = string.Empty;

    public string Iss { get; private set; } = string.Empty;

    public string Aud { get; private set; } = string.Empty;

    public double TimeNanos { get; private set; }

    public static JwtConstraints Parse(string builtin, ObjectValue o, long nowNanos)
    {
        var c = new JwtConstraints { TimeNanos = nowNanos };
        foreach (var (key, value) in o.Pairs)
        {
            var name = key is StringValue k ? k.Value : key.ToString();
            switch (name)
            {
                case "cert":
                    c.Keys = JwtKeyParser.FromCertOrJwk(builtin, Text(builtin, name, value));
                    break;
                case "secret":
                    c.Secret = Text(builtin, name, value);
                    break;
                case "alg":
                    c.Alg = Text(builtin, name, value);
                    break;
                case "iss":
                    c.Iss = Text(builtin, name, value);
                    break;
                case "aud":
                    c.Aud = Text(builtin, name, value);
                    break;
                case "time":
                    c.TimeNanos = value is NumberValue n ? n.ToDouble() : throw BuiltinException.Error(builtin, "token time constraint: must be a number");
                    if (c.TimeNanos < 0)
                    {
                        throw BuiltinException.Error(builtin, "token time constraint: must not be negative");
                    }

                    break;
                default:
                    throw BuiltinException.Error(builtin, $"unknown token validation constraint: {name}");
            }
        }

        var count = (c.Keys is null ? 0 : 1) + (c.Secret.Length > 0 ? 1 : 0);
        if (count > 1)
        {
            throw BuiltinException.Error(builtin, "duplicate key constraints");
        }

        if (count < 1)
        {
            throw BuiltinException.Error(builtin, "no key constraint");
        }

        return c;
    }

    private static string Text(string builtin, string name, Value value) =>
        value is StringValue s ? s.Value : throw BuiltinException.Error(builtin, $"{name} constraint: must be a string");
}
