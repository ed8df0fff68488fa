using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>Places a data document at a path of the base document, merging objects key by key.</summary>
internal static class DataMerge
{
    public static Value MergeAt(Value root, IReadOnlyList<string> path, Value document, string origin)
    {
        if (path.Count == 0)
        {
            return Merge(root, document, origin);
        }

        var obj = root as ObjectValue ?? throw new InvalidOperationException($"cannot place data at '{string.Join('.', path)}': a non-object is there");
        var key = StringValue.From(path[0]);
        var child = obj.Get(key) ?? ObjectValue.Empty;
        return obj.With(key, MergeAt(child, path.Skip(1).ToArray(), document, origin));
    }

    private static Value Merge(Value existing, Value incoming, string origin)
    {
        if (existing is ObjectValue { Count: 0 })
        {
            return incoming;
        }

        if (existing is not ObjectValue left || incoming is not ObjectValue right)
        {
            throw new InvalidOperationException($"data from {origin} conflicts with data already loaded at the same path");
        }

        var merged = left;
        foreach (var (key, value) in right.Pairs)
        {
            merged = merged.With(key, merged.Get(key) is { } current ? Merge(current, value, origin) : value);
        }

        return merged;
    }
}
