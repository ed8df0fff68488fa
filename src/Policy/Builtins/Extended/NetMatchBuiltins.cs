using System.Numerics;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>net.cidr_contains_matches and net.cidr_merge.</summary>
[BuiltinGroup]
internal static class NetMatchBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("net.cidr_contains_matches", 2, ContainsMatches);
        t.Add("net.cidr_merge", 1, Merge);
    }

    private static Value? ContainsMatches(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "net.cidr_contains_matches";
        var cidrs = Terms(Name, a[0], 1);
        var others = Terms(Name, a[1], 2);
        var matches = new List<Value>();
        foreach (var (k1, cidr) in cidrs)
        {
            foreach (var (k2, other) in others)
            {
                if (Contains(Name, cidr, other))
                {
                    matches.Add(ArrayValue.From(k1, k2));
                }
            }
        }

        return SetValue.From(matches);
    }

    private static List<(Value Key, Value Cidr)> Terms(string name, Value operand, int index)
    {
        var terms = new List<(Value, Value)>();
        switch (operand)
        {
            case StringValue s:
                terms.Add((s, s));
                break;
            case ArrayValue arr:
                for (var i = 0; i < arr.Count; i++)
                {
                    terms.Add((NumberValue.From(i), Element(name, arr[i], index)));
                }

                break;
            case SetValue set:
                terms.AddRange(set.Items.Select(x => (x, Element(name, x, index))));
                break;
            case ObjectValue obj:
                terms.AddRange(obj.Pairs.Select(p => (p.Key, Element(name, p.Value, index))));
                break;
        }

        return terms;
    }

    private static Value Element(string name, Value value, int index) => value switch
    {
        StringValue => value,
        ArrayValue { Count: > 0 } a => a[0],
        _ => throw BuiltinException.Error(name, $"operand {index}: element must be string or non-empty array"),
    };

    private static bool Contains(string name, Value cidr, Value other)
    {
        var cidrText = cidr as StringValue ?? throw BuiltinException.TypeError(name, 1, "string", cidr);
        var otherText = other as StringValue ?? throw BuiltinException.TypeError(name, 1, "string", other);
        var network = IpNetwork.TryParseCidr(cidrText.Value) ?? throw BuiltinException.Error(name, $"invalid CIDR address: {cidrText.Value}");
        if (IpNetwork.TryParseIp(otherText.Value, out var ip))
        {
            return network.Contains(ip);
        }

        return network.Contains(IpNetwork.TryParseCidr(otherText.Value)
            ?? throw BuiltinException.Error(name, $"not a valid textual representation of an IP address or CIDR: {otherText.Value}"));
    }

    private static Value? Merge(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "net.cidr_merge";
        var items = a[0] switch
        {
            ArrayValue arr => arr.Items,
            SetValue set => set.Items,
            _ => throw BuiltinException.Error(Name, "operand must be an array"),
        };
        var ranges = new Dictionary<int, List<MergeRange>> { [4] = [], [16] = [] };
        foreach (var item in items)
        {
            var text = item as StringValue ?? throw BuiltinException.Error(Name, "element must be string");
            IpNetwork network;
            string label;
            if (IpNetwork.TryParseIp(text.Value, out var ip))
            {
                if (ip.Length != 4)
                {
                    throw BuiltinException.Error(Name, "IPv6 invalid: needs prefix length");
                }

                // Go's DefaultMask: the classful mask of the address.
                var prefix = ip[0] < 0x80 ? 8 : ip[0] < 0xC0 ? 16 : 24;
                network = IpNetwork.TryParseCidr(text.Value + "/" + prefix.ToString(System.Globalization.CultureInfo.InvariantCulture))!;
                label = text.Value + "/" + prefix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                network = IpNetwork.TryParseCidr(text.Value) ?? throw BuiltinException.Error(Name, $"invalid CIDR address: {text.Value}");
                label = IpNetwork.Format(network.Address) + "/" + network.Prefix.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var first = new BigInteger(network.Address, isUnsigned: true, isBigEndian: true);
            var size = BigInteger.One << ((network.Address.Length * 8) - network.Prefix);
            ranges[network.Address.Length].Add(new MergeRange(first, first + size - 1, label));
        }

        var result = new List<Value>();
        foreach (var (length, list) in ranges)
        {
            foreach (var range in Coalesce(list))
            {
                var blocks = range.Label is { } label ? [label] : Blocks(range.Start, range.End, length);
                result.AddRange(blocks.Select(b => (Value)StringValue.From(b)));
            }
        }

        return SetValue.From(result);
    }

    private static List<MergeRange> Coalesce(List<MergeRange> ranges)
    {
        var merged = new List<MergeRange>();
        foreach (var r in ranges.OrderBy(r => r.Start).ThenByDescending(r => r.End))
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End + 1)
            {
                merged[^1] = new MergeRange(merged[^1].Start, BigInteger.Max(merged[^1].End, r.End), null);
            }
            else
            {
                merged.Add(r);
            }
        }

        return merged;
    }

    private static IEnumerable<string> Blocks(BigInteger start, BigInteger end, int length)
    {
        var bits = length * 8;
        while (start <= end)
        {
            var hostBits = 0;
            while (hostBits < bits && (start & ((BigInteger.One << (hostBits + 1)) - 1)) == 0 && start + (BigInteger.One << (hostBits + 1)) - 1 <= end)
            {
                hostBits++;
            }

            var bytes = start.ToByteArray(isUnsigned: true, isBigEndian: true);
            var full = new byte[length];
            bytes.CopyTo(full, length - bytes.Length);
            yield return IpNetwork.Format(full) + "/" + (bits - hostBits).ToString(System.Globalization.CultureInfo.InvariantCulture);
            start += BigInteger.One << hostBits;
        }
    }

    private readonly record struct MergeRange(BigInteger Start, BigInteger End, string? Label);
}
