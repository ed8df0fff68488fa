using System.Security.Cryptography;
using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>crypto.md5/sha1/sha256 and crypto.hmac.*: hex digests of UTF-8 strings.</summary>
[BuiltinGroup]
internal static class CryptoHashBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        AddHash(t, "crypto.md5", MD5.HashData);
        AddHash(t, "crypto.sha1", SHA1.HashData);
        AddHash(t, "crypto.sha256", SHA256.HashData);
        AddHmac(t, "crypto.hmac.md5", HMACMD5.HashData);
        AddHmac(t, "crypto.hmac.sha1", HMACSHA1.HashData);
        AddHmac(t, "crypto.hmac.sha256", HMACSHA256.HashData);
        AddHmac(t, "crypto.hmac.sha512", HMACSHA512.HashData);
        t.Add("crypto.hmac.equal", 2, (_, a) =>
        {
            var x = Encoding.UTF8.GetBytes(BuiltinArgs.String("crypto.hmac.equal", a, 0));
            var y = Encoding.UTF8.GetBytes(BuiltinArgs.String("crypto.hmac.equal", a, 1));
            return BooleanValue.From(CryptographicOperations.FixedTimeEquals(x, y));
        });
    }

    private static void AddHash(BuiltinTable t, string name, Func<byte[], byte[]> hash) =>
        t.Add(name, 1, (_, a) =>
            StringValue.From(Convert.ToHexStringLower(hash(Encoding.UTF8.GetBytes(BuiltinArgs.String(name, a, 0))))));

    private static void AddHmac(BuiltinTable t, string name, Func<byte[], byte[], byte[]> mac) =>
        t.Add(name, 2, (_, a) =>
        {
            var message = Encoding.UTF8.GetBytes(BuiltinArgs.String(name, a, 0));
            var key = Encoding.UTF8.GetBytes(BuiltinArgs.String(name, a, 1));
            return StringValue.From(Convert.ToHexStringLower(mac(key, message)));
        });
}
