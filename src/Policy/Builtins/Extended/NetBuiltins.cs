using System.Numerics;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>net.cidr_* builtins (no DNS lookups).</summary>
[BuiltinGroup]
internal static class NetBuiltins
{
    private const int MaxExpand = 1 << 20;

    internal static void Register(BuiltinTable t)
    {
        t.Add("net.cidr_contains", 2, CidrContains);
        t.Add("net.cidr_intersects", 2, CidrIntersects);
        t.Add("net.cidr_overlap", 2, CidrContains);
        t.Add("net.cidr_is_valid", 1, (_, a) =>
            BooleanValue.From(a[0] is StringValue s && IpNetwork.TryParseCidr(s.Value) is not null));
        t.Add("net.cidr_expand", 1, CidrExpand);
    }

    private static IpNetwork Cidr(string builtin, string text) =>
        IpNetwork.TryParseCidr(text) ?? throw BuiltinException.Error(builtin, $"invalid CIDR address: {text}");

    private static Value? CidrContains(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "net.cidr_contains";
        var network = Cidr(Name, BuiltinArgs.String(Name, a, 0));
        var other = BuiltinArgs.String(Name, a, 1);
        if (IpNetwork.TryParseIp(other, out var ip))
        {
            return BooleanValue.From(network.Contains(ip));
        }

        var otherNetwork = IpNetwork.TryParseCidr(other)
            ?? throw BuiltinException.Error(Name, $"not a valid textual representation of an IP address or CIDR: {other}");
        return BooleanValue.From(network.Contains(otherNetwork));
    }

    private static Value? CidrIntersects(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "net.cidr_intersects";
        var x = Cidr(Name, BuiltinArgs.String(Name, a, 0));
        var y = Cidr(Name, BuiltinArgs.String(Name, a, 1));
        return BooleanValue.From(x.Contains(y.Address) || y.Contains(x.Address));
    }

    private static Value? CidrExpand(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "net.cidr_expand";
        var network = Cidr(Name, BuiltinArgs.String(Name, a, 0));
        var hostBits = (network.Address.Length * 8) - network.Prefix;
        if (hostBits > 20)
        {
            throw BuiltinException.Error(Name, "CIDR too large to expand");
        }

        var start = new BigInteger(network.Address, isUnsigned: true, isBigEndian: true);
        var count = 1 << hostBits;
        var items = new List<Value>(Math.Min(count, MaxExpand));
        for (var i = 0; i < count; i++)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var bytes = (start + i).ToByteArray(isUnsigned: true, isBigEndian: true);
            var full = new byte[network.Address.Length];
            bytes.CopyTo(full, full.Length - bytes.Length);
            items.Add(StringValue.From(IpNetwork.Format(full)));
        }

        return SetValue.From(items);
    }
}
