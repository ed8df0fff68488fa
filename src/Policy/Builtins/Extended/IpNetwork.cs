using System.Net;
using System.Net.Sockets;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>An IP network (address bytes masked to the prefix) parsed like Go's net.ParseCIDR.</summary>
internal sealed class IpNetwork
{
    private IpNetwork(byte[] address, int prefix)
    {
        Address = address;
        Prefix = prefix;
    }

    public byte[] Address { get; }

    public int Prefix { get; }

    public static IpNetwork? TryParseCidr(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !TryParseIp(text[..slash], out var bytes))
        {
            return null;
        }

        var digits = text[(slash + 1)..];
        if (digits.Length == 0 || digits.Length > 3 || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var prefix = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
        if (prefix > bytes.Length * 8)
        {
            return null;
        }

        return new IpNetwork(Mask(bytes, prefix), prefix);
    }

    /// <summary>Parses a plain IP address (IPv4 dotted quad or IPv6) into 4 or 16 bytes.</summary>
    public static bool TryParseIp(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            if (!IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            bytes = v6.GetAddressBytes();
            return true;
        }

        var parts = text.Split('.');
        if (parts.Length != 4)
        {
            return false;
        }

        var result = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length == 0 || p.Length > 3 || !p.All(char.IsAsciiDigit) || (p.Length > 1 && p[0] == '0'))
            {
                return false;
            }

            var n = int.Parse(p, System.Globalization.CultureInfo.InvariantCulture);
            if (n > 255)
            {
                return false;
            }

            result[i] = (byte)n;
        }

        bytes = result;
        return true;
    }

    public static IpNetwork Host(byte[] address) => new(address, address.Length * 8);

    public bool Contains(byte[] ip)
    {
        var candidate = Normalize(ip, Address.Length);
        if (candidate is null)
        {
            return false;
        }

        return Mask(candidate, Prefix).AsSpan().SequenceEqual(Address);
    }

    public bool Contains(IpNetwork other) => other.Prefix - (other.Address.Length * 8) >= Prefix - (Address.Length * 8)
        && Contains(other.Address);

    public static string Format(byte[] address) => new IPAddress(address).ToString();

    private static byte[]? Normalize(byte[] ip, int length)
    {
        if (ip.Length == length)
        {
            return ip;
        }

        if (length == 4 && ip.Length == 16 && ip.AsSpan(0, 10).IndexOfAnyExcept((byte)0) < 0 && ip[10] == 0xFF && ip[11] == 0xFF)
        {
            return ip[12..];
        }

        if (length == 16 && ip.Length == 4)
        {
            var mapped = new byte[16];
            mapped[10] = 0xFF;
            mapped[11] = 0xFF;
            ip.CopyTo(mapped, 12);
            return mapped;
        }

        return null;
    }

    private static byte[] Mask(byte[] bytes, int prefix)
    {
        var result = (byte[])bytes.Clone();
        for (var i = 0; i < result.Length; i++)
        {
            var bits = Math.Clamp(prefix - (i * 8), 0, 8);
            result[i] &= (byte)(0xFF << (8 - bits));
        }

        return result;
    }
}
