using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Json;

/// <summary>
/// Path parsing shared by <c>json.filter</c>, <c>json.remove</c> and <c>json.patch</c>: "a/b/c" strings (JSON-pointer
/// escapes ~0 ~1, leading slashes ignored) or arrays of segments. Paths merge into a tree whose leaves are null.
/// </summary>
internal static class JsonPaths
{
    public static List<Value[]> Parse(string name, Value operand)
    {
        var items = CoreArgs.Elements(operand) ?? throw CoreErrors.Type(name, 2, operand, "set", "array");
        var paths = new List<Value[]>(items.Count);
        foreach (var p in items)
        {
            paths.Add(ParseOne(p) ?? throw CoreErrors.Operand(
                name, 2, $"must be one of {{set, array}} containing string paths or array of path segments but got {p.TypeName}"));
        }

        return paths;
    }

    /// <summary>One path, or null when it is neither a string nor an array.</summary>
    public static Value[]? ParseOne(Value path)
    {
        switch (path)
        {
            case StringValue s:
                if (s.Value.Length == 0)
                {
                    return [];
                }

                var parts = s.Value.TrimStart('/').Split('/');
                var segs = new Value[parts.Length];
                for (var i = 0; i < parts.Length; i++)
                {
                    segs[i] = StringValue.From(parts[i].Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal));
                }

                return segs;
            case ArrayValue arr:
                return [.. arr.Items];
            default:
                return null;
        }
    }

    /// <summary>OPA's pathsToObject: nested objects with null leaves; a shorter path wins over longer ones.</summary>
    public static ObjectValue ToTree(List<Value[]> paths)
    {
        var root = new Node();
        foreach (var path in paths)
        {
            if (path.Length == 0)
            {
                continue;
            }

            var node = root;
            var done = false;
            for (var i = 0; i < path.Length - 1 && !done; i++)
            {
                if (!node.Children.TryGetValue(path[i], out var child))
                {
                    child = new Node();
                    node.Children[path[i]] = child;
                }

                if (child is null)
                {
                    done = true;
                }
                else
                {
                    node = child;
                }
            }

            if (!done)
            {
                node.Children[path[^1]] = null;
            }
        }

        return root.ToValue();
    }

    private sealed class Node
    {
        public Dictionary<Value, Node?> Children { get; } = [];

        public ObjectValue ToValue()
        {
            var map = new Dictionary<Value, Value>(Children.Count);
            foreach (var p in Children)
            {
                map[p.Key] = p.Value is null ? NullValue.Instance : p.Value.ToValue();
            }

            return ObjectValue.Wrap(map);
        }
    }
}
