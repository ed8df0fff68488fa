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
        foreach (var (k1, cidrText) in cidrs)
        {
            var network = IpNetwork.TryParseCidr(cidrText) ?? throw BuiltinException.Error(Name, $"invalid CIDR address: {cidrText}");
            foreach (var (k2, other) in others)
            {
                bool contained;
                if (IpNetwork.TryParseIp(other, out var ip))
                {
                    contained = network.Contains(ip);
                }
                else
                {
                    contained = network.Contains(IpNetwork.TryParseCidr(other) ?? throw BuiltinException.Error(Name, $"invalid CIDR address: {other}"));
                }

                if (contained)
                {
                    matches.Add(ArrayValue.From(k1, k2));
                }
            }
        }

        return SetValue.From(matches);
    }

    private static List<(Value Key, string Cidr)> Terms(string name, Value operand, int index)
    {
        var terms = new List<(Value, string)>();
        switch (operand)
        {
            case StringValue s:
                terms.Add((s, s.Value));
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
            default:
                throw BuiltinException.TypeError(name, index, "one of {string, array, set, object}", operand);
        }

        return terms;
    }

    private static string Element(string name, Value value, int index) => value switch
    {
        StringValue s => s.Value,
        ArrayValue { Count: > 0 } a when a[0] is StringValue first => first.Value,
        ArrayValue { Count: 0 } => throw BuiltinException.Error(name, $"operand {index}: array must contain at least one element"),
        ArrayValue => throw BuiltinException.Error(name, $"operand {index}: first element must be a string"),
        _ => throw BuiltinException.Error(name, $"operand {index}: must be string or array"),
    };

    private static Value? Merge(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "net.cidr_merge";
        var items = a[0] switch
        {
            ArrayValue arr => arr.Items,
            SetValue set => set.Items,
            _ => throw BuiltinException.TypeError(Name, 1, "one of {array, set}", a[0]),
        };
        var ranges = new Dictionary<int, List<(BigInteger Start, BigInteger End)>> { [4] = [], [16] = [] };
        foreach (var item in items)
        {
            var text = item as StringValue ?? throw BuiltinException.Error(Name, "element must be string");
            var network = IpNetwork.TryParseIp(text.Value, out var ip) ? IpNetwork.Host(ip)
                : IpNetwork.TryParseCidr(text.Value) ?? throw BuiltinException.Error(Name, $"invalid CIDR address: {text.Value}");
            var start = new BigInteger(network.Address, isUnsigned: true, isBigEndian: true);
            var size = BigInteger.One << ((network.Address.Length * 8) - network.Prefix);
            ranges[network.Address.Length].Add((start, start + size - 1));
        }

        var result = new List<Value>();
        foreach (var (length, list) in ranges)
        {
            foreach (var (start, end) in Coalesce(list))
            {
                result.AddRange(Blocks(start, end, length).Select(b => (Value)StringValue.From(b)));
            }
        }

        return SetValue.From(result);
    }

    private static List<(BigInteger Start, BigInteger End)> Coalesce(List<(BigInteger Start, BigInteger End)> ranges)
    {
        var merged = new List<(BigInteger Start, BigInteger End)>();
        foreach (var r in ranges.OrderBy(r => r.Start))
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End + 1)
            {
                merged[^1] = (merged[^1].Start, BigInteger.Max(merged[^1].End, r.End));
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
}
