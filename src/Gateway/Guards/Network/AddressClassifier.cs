using System.Net;
using System.Net.Sockets;

namespace AgentGate.Gateway.Guards.Network;

/// <summary>
/// Classifies destination addresses. IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4,
/// Teredo) are classified by the embedded address, so ::ffff:10.0.0.1 is as private as 10.0.0.1.
/// </summary>
internal static class AddressClassifier
{
    private static readonly (Cidr Range, AddressClass Class)[] V4 =
    [
        (Cidr.Parse("169.254.169.254/32"), AddressClass.CloudMetadata),
        (Cidr.Parse("100.100.100.200/32"), AddressClass.CloudMetadata),
        (Cidr.Parse("0.0.0.0/32"), AddressClass.Unspecified),
        (Cidr.Parse("0.0.0.0/8"), AddressClass.Reserved),
        (Cidr.Parse("127.0.0.0/8"), AddressClass.Loopback),
        (Cidr.Parse("10.0.0.0/8"), AddressClass.Private),
        (Cidr.Parse("172.16.0.0/12"), AddressClass.Private),
        (Cidr.Parse("192.168.0.0/16"), AddressClass.Private),
        (Cidr.Parse("169.254.0.0/16"), AddressClass.LinkLocal),
        (Cidr.Parse("100.64.0.0/10"), AddressClass.SharedCgnat),
        (Cidr.Parse("192.0.0.0/24"), AddressClass.Reserved),
        (Cidr.Parse("192.0.2.0/24"), AddressClass.Documentation),
        (Cidr.Parse("198.51.100.0/24"), AddressClass.Documentation),
        (Cidr.Parse("203.0.113.0/24"), AddressClass.Documentation),
        (Cidr.Parse("198.18.0.0/15"), AddressClass.Reserved),
        (Cidr.Parse("192.88.99.0/24"), AddressClass.Reserved),
        (Cidr.Parse("255.255.255.255/32"), AddressClass.Broadcast),
        (Cidr.Parse("224.0.0.0/4"), AddressClass.Multicast),
        (Cidr.Parse("240.0.0.0/4"), AddressClass.Reserved),
    ];

    private static readonly (Cidr Range, AddressClass Class)[] V6 =
    [
        (Cidr.Parse("fd00:ec2::254/128"), AddressClass.CloudMetadata),
        (Cidr.Parse("::/128"), AddressClass.Unspecified),
        (Cidr.Parse("::1/128"), AddressClass.Loopback),
        (Cidr.Parse("fe80::/10"), AddressClass.LinkLocal),
        (Cidr.Parse("fec0::/10"), AddressClass.Reserved),
        (Cidr.Parse("fc00::/7"), AddressClass.UniqueLocal),
        (Cidr.Parse("ff00::/8"), AddressClass.Multicast),
        (Cidr.Parse("2001:db8::/32"), AddressClass.Documentation),
        (Cidr.Parse("100::/64"), AddressClass.Reserved),
        (Cidr.Parse("2001:10::/28"), AddressClass.Reserved),
        (Cidr.Parse("2001:20::/28"), AddressClass.Reserved),
        (Cidr.Parse("64:ff9b:1::/48"), AddressClass.Private),
    ];

    private static readonly Cidr Nat64 = Cidr.Parse("64:ff9b::/96");
    private static readonly Cidr SixToFour = Cidr.Parse("2002::/16");
    private static readonly Cidr Teredo = Cidr.Parse("2001::/32");
    private static readonly Cidr Compatible = Cidr.Parse("::/96");

    public static AddressClass Classify(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Match(V4, address);
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return AddressClass.Reserved;
        }

        var bare = address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
        var embedded = EmbeddedV4(bare);
        if (embedded is not null)
        {
            return Match(V4, embedded);
        }

        return Match(V6, bare);
    }

    public static bool IsPublic(IPAddress address) => Classify(address) == AddressClass.Public;

    /// <summary>The IPv4 address an IPv6 address carries (mapped, compatible, NAT64, 6to4, Teredo), or null.</summary>
    public static IPAddress? EmbeddedV4(IPAddress v6)
    {
        if (v6.IsIPv4MappedToIPv6)
        {
            return v6.MapToIPv4();
        }

        var b = v6.GetAddressBytes();
        if (Compatible.Contains(v6) && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && b[15] <= 1))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        if (Nat64.Contains(v6))
        {
            return new IPAddress(b.AsSpan(12, 4));
        }

        if (SixToFour.Contains(v6))
        {
            return new IPAddress(b.AsSpan(2, 4));
        }

        if (Teredo.Contains(v6))
        {
            // Teredo stores the client's address inverted in the last 32 bits.
            return new IPAddress([(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]]);
        }

        return null;
    }

    private static AddressClass Match((Cidr Range, AddressClass Class)[] table, IPAddress address)
    {
        foreach (var (range, cls) in table)
        {
            if (range.Contains(address))
            {
                return cls;
            }
        }

        return AddressClass.Public;
    }
}
