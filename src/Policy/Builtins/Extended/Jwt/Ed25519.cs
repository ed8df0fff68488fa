using System.Numerics;
using System.Security.Cryptography;

namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>Ed25519 (RFC 8032) signing and verification; .NET has no built-in EdDSA.</summary>
internal static class Ed25519
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly BigInteger D = Mod(-121665 * Inv(121666));
    private static readonly BigInteger SqrtM1 = BigInteger.ModPow(2, (P - 1) / 4, P);
    private static readonly Point BasePoint = BuildBase();

    public static byte[] Sign(byte[] seed, byte[] message)
    {
        var h = SHA512.HashData(seed);
        var a = Clamp(h);
        var publicKey = Encode(Multiply(BasePoint, a));
        var r = Mod(Le(SHA512.HashData([.. h[32..], .. message])), L);
        var rEncoded = Encode(Multiply(BasePoint, r));
        var k = Mod(Le(SHA512.HashData([.. rEncoded, .. publicKey, .. message])), L);
        var s = Mod(r + (k * a), L);
        return [.. rEncoded, .. ToLe(s)];
    }

    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        if (signature.Length != 64 || publicKey.Length != 32)
        {
            return false;
        }

        var r = Decode(signature[..32]);
        var a = Decode(publicKey);
        var s = Le(signature[32..]);
        if (r is null || a is null || s >= L)
        {
            return false;
        }

        var k = Mod(Le(SHA512.HashData([.. signature[..32], .. publicKey, .. message])), L);
        var left = Multiply(BasePoint, s);
        var right = Add(r.Value, Multiply(a.Value, k));
        return Mod(left.X * right.Z) == Mod(right.X * left.Z) && Mod(left.Y * right.Z) == Mod(right.Y * left.Z);
    }

    private static BigInteger Clamp(byte[] hash)
    {
        var a = hash[..32];
        a[0] &= 248;
        a[31] &= 127;
        a[31] |= 64;
        return Le(a);
    }

    private static Point BuildBase()
    {
        var y = Mod(4 * Inv(5));
        var x = RecoverX(y, false) ?? BigInteger.Zero;
        return new Point(x, y, 1, Mod(x * y));
    }

    private static BigInteger? RecoverX(BigInteger y, bool sign)
    {
        var x2 = Mod(((y * y) - 1) * Inv((D * y * y) + 1));
        if (x2.IsZero)
        {
            return sign ? null : BigInteger.Zero;
        }

        var x = BigInteger.ModPow(x2, (P + 3) / 8, P);
        if (Mod((x * x) - x2) != 0)
        {
            x = Mod(x * SqrtM1);
        }

        if (Mod((x * x) - x2) != 0)
        {
            return null;
        }

        return x.IsEven == sign ? P - x : x;
    }

    private static Point? Decode(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        var sign = (copy[31] & 0x80) != 0;
        copy[31] &= 0x7F;
        var y = Le(copy);
        if (y >= P)
        {
            return null;
        }

        var x = RecoverX(y, sign);
        return x is { } vx ? new Point(vx, y, 1, Mod(vx * y)) : null;
    }

    private static byte[] Encode(Point point)
    {
        var zInv = Inv(point.Z);
        var x = Mod(point.X * zInv);
        var y = Mod(point.Y * zInv);
        var bytes = ToLe(y);
        if (!x.IsEven)
        {
            bytes[31] |= 0x80;
        }

        return bytes;
    }

    private static Point Add(Point p, Point q)
    {
        var a = Mod((p.Y - p.X) * (q.Y - q.X));
        var b = Mod((p.Y + p.X) * (q.Y + q.X));
        var c = Mod(p.T * 2 * D * q.T);
        var d = Mod(p.Z * 2 * q.Z);
        var e = b - a;
        var f = d - c;
        var g = d + c;
        var h = b + a;
        return new Point(Mod(e * f), Mod(g * h), Mod(f * g), Mod(e * h));
    }

    private static Point Multiply(Point point, BigInteger scalar)
    {
        var result = new Point(0, 1, 1, 0);
        var addend = point;
        while (scalar > 0)
        {
            if (!scalar.IsEven)
            {
                result = Add(result, addend);
            }

            addend = Add(addend, addend);
            scalar >>= 1;
        }

        return result;
    }

    private static BigInteger Le(byte[] bytes) => new(bytes, isUnsigned: true, isBigEndian: false);

    private static byte[] ToLe(BigInteger value)
    {
        var bytes = new byte[32];
        value.ToByteArray(isUnsigned: true, isBigEndian: false).CopyTo(bytes, 0);
        return bytes;
    }

    private static BigInteger Mod(BigInteger value) => Mod(value, P);

    private static BigInteger Mod(BigInteger value, BigInteger m)
    {
        var r = value % m;
        return r.Sign < 0 ? r + m : r;
    }

    private static BigInteger Inv(BigInteger value) => BigInteger.ModPow(Mod(value), P - 2, P);

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z, BigInteger T);
}
