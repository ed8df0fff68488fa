using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;

namespace AgentGate.Gateway.Guards.Network;

/// <summary>An address prefix such as 10.0.0.0/8 or fe80::/10.</summary>
internal sealed record Cidr(IPAddress Network, int PrefixLength)
{
    public static Cidr Parse(string text) =>
        TryParse(text, out var cidr) ? cidr : throw new FormatException($"'{text}' is not a CIDR prefix");

    public static bool TryParse(string? text, [NotNullWhen(true)] out Cidr? cidr)
    {
        cidr = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addrText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addrText, out var addr) || (addr.AddressFamily == AddressFamily.InterNetworkV6 && addr.ScopeId != 0) || addrText.Contains('%', StringComparison.Ordinal))
        {
            return false;
        }

        var max = addr.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var len = max;
        if (slash >= 0)
        {
            var lenText = text[(slash + 1)..];
            if (lenText.Length is 0 or > 3 || !lenText.All(char.IsAsciiDigit) || !int.TryParse(lenText, out len) || len > max)
            {
                return false;
            }
        }

        cidr = new Cidr(Mask(addr, len), len);
        return true;
    }

    public bool Contains(IPAddress address)
    {
        if (address.AddressFamily != Network.AddressFamily)
        {
            return false;
        }

        return Mask(address, PrefixLength).Equals(Network);
    }

    public override string ToString() => $"{Network}/{PrefixLength}";

    private static IPAddress Mask(IPAddress addr, int len)
    {
        var bytes = addr.GetAddressBytes();
        for (var i = 0; i < bytes.Length; i++)
        {
            var bits = Math.Clamp(len - (i * 8), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - bits));
        }

        return new IPAddress(bytes);
    }
}
