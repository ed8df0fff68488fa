using System.Buffers.Binary;
using System.Globalization;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>uuid.parse: version and variant, plus time/node/clock sequence for versions 1 and 2; undefined when malformed.</summary>
[BuiltinGroup]
internal static class UuidParseBuiltins
{
    private const long GregorianOffset = 122_192_928_000_000_000;

    internal static void Register(BuiltinTable t) => t.Add("uuid.parse", 1, (_, a) =>
    {
        var bytes = Parse(BuiltinArgs.String("uuid.parse", a, 0));
        return bytes is null ? null : Describe(bytes);
    });

    private static byte[]? Parse(string s)
    {
        if (s.Length == 45 && s.StartsWith("urn:uuid:", StringComparison.OrdinalIgnoreCase))
        {
            s = s[9..];
        }
        else if (s.Length == 38 && s[0] == '{' && s[^1] == '}')
        {
            s = s[1..^1];
        }

        string hex;
        if (s.Length == 36)
        {
            if (s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
            {
                return null;
            }

            hex = s.Replace("-", string.Empty, StringComparison.Ordinal);
        }
        else if (s.Length == 32)
        {
            hex = s;
        }
        else
        {
            return null;
        }

        return hex.Length == 32 && hex.All(char.IsAsciiHexDigit) ? Convert.FromHexString(hex) : null;
    }

    private static ObjectValue Describe(byte[] u)
    {
        var version = u[6] >> 4;
        var variant = (u[8] & 0xC0) == 0x80 ? "RFC4122" : (u[8] & 0xE0) == 0xC0 ? "Microsoft" : (u[8] & 0xE0) == 0xE0 ? "Future" : "Reserved";
        var pairs = new List<KeyValuePair<Value, Value>>
        {
            new(StringValue.From("version"), NumberValue.From(version)),
            new(StringValue.From("variant"), StringValue.From(variant)),
        };
        if (version is 1 or 2)
        {
            long time = BinaryPrimitives.ReadUInt32BigEndian(u.AsSpan(0, 4));
            time |= (long)BinaryPrimitives.ReadUInt16BigEndian(u.AsSpan(4, 2)) << 32;
            time |= (long)(BinaryPrimitives.ReadUInt16BigEndian(u.AsSpan(6, 2)) & 0xFFF) << 48;
            var since = time - GregorianOffset;
            var nanos = (since / 10_000_000 * 1_000_000_000) + (since % 10_000_000 * 100);
            pairs.Add(new(StringValue.From("time"), NumberValue.From(nanos)));
            pairs.Add(new(StringValue.From("nodeid"), StringValue.From(MacKind(u[10]) + ":" + Convert.ToHexStringLower(u.AsSpan(10, 6)))));
            pairs.Add(new(StringValue.From("clocksequence"), NumberValue.From(BinaryPrimitives.ReadUInt16BigEndian(u.AsSpan(8, 2)) & 0x3FFF)));
            if (version == 2)
            {
                pairs.Add(new(StringValue.From("id"), NumberValue.From(BinaryPrimitives.ReadUInt32BigEndian(u.AsSpan(0, 4)))));
                var domain = u[9] switch { 0 => "Person", 1 => "Group", 2 => "Org", var d => "Domain" + d.ToString(CultureInfo.InvariantCulture) };
                pairs.Add(new(StringValue.From("domain"), StringValue.From(domain)));
            }
        }

        return ObjectValue.From(pairs);
    }

    private static string MacKind(byte first) => (first & 0b11) switch
    {
        0b11 => "local:multicast",
        0b01 => "global:multicast",
        0b10 => "local:unicast",
        _ => "global:unicast",
    };
}
