using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Json;

/// <summary>Immutable get/insert/delete at a path; null means the path does not fit the document.</summary>
internal static class PatchTree
{
    private static readonly StringValue Dash = StringValue.From("-");

    public static Value? Get(Value doc, Value[] path)
    {
        var cur = doc;
        foreach (var seg in path)
        {
            var next = Child(cur, seg);
            if (next is null)
            {
                return null;
            }

            cur = next;
        }

        return cur;
    }

    public static Value? Insert(Value node, Value[] path, int i, Value value)
    {
        if (i == path.Length)
        {
            return value;
        }

        var seg = path[i];
        if (i < path.Length - 1)
        {
            var child = Child(node, seg);
            var updated = child is null ? null : Insert(child, path, i + 1, value);
            return updated is null ? null : Replace(node, seg, child!, updated);
        }

        switch (node)
        {
            case ObjectValue obj:
                return obj.With(seg, value);
            case ArrayValue arr:
                var at = seg.Equals(Dash) ? arr.Count : Index(seg, arr.Count);
                if (at < 0)
                {
                    return null;
                }

                var items = new List<Value>(arr.Items);
                items.Insert(at, value);
                return ArrayValue.Wrap([.. items]);
            case SetValue set:
                if (!seg.Equals(value))
                {
                    return null;
                }

                return SetValue.Wrap([.. set.Unordered, value]);
            default:
                return null;
        }
    }

    public static Value? Delete(Value node, Value[] path, int i)
    {
        if (path.Length == 0)
        {
            // Deleting the root leaves an empty (null) document that a following insert replaces.
            return NullValue.Instance;
        }

        var seg = path[i];
        if (i < path.Length - 1)
        {
            var child = Child(node, seg);
            var updated = child is null ? null : Delete(child, path, i + 1);
            return updated is null ? null : Replace(node, seg, child!, updated);
        }

        switch (node)
        {
            case ObjectValue obj:
                return obj.ContainsKey(seg) ? obj.Without(seg) : null;
            case ArrayValue arr:
                var at = Index(seg, arr.Count - 1);
                if (at < 0)
                {
                    return null;
                }

                var items = new List<Value>(arr.Items);
                items.RemoveAt(at);
                return ArrayValue.Wrap([.. items]);
            case SetValue set:
                if (!set.Contains(seg))
                {
                    return null;
                }

                var s = new HashSet<Value>(set.Unordered);
                s.Remove(seg);
                return SetValue.Wrap(s);
            default:
                return null;
        }
    }

    private static Value? Child(Value node, Value seg) => node switch
    {
        ObjectValue obj => obj.Get(seg),
        ArrayValue arr => Index(seg, arr.Count - 1) is var i and >= 0 ? arr[i] : null,
        SetValue set => set.Contains(seg) ? seg : null,
        _ => null,
    };

    private static Value Replace(Value node, Value seg, Value oldChild, Value newChild)
    {
        switch (node)
        {
            case ObjectValue obj:
                return obj.With(seg, newChild);
            case ArrayValue arr:
                var items = arr.Items.ToArray();
                items[Index(seg, arr.Count - 1)] = newChild;
                return ArrayValue.Wrap(items);
            default:
                var set = new HashSet<Value>(((SetValue)node).Unordered);
                set.Remove(oldChild);
                set.Add(newChild);
                return SetValue.Wrap(set);
        }
    }

    /// <summary>An array index 0..max from a decimal string without leading zeros or an integer; -1 otherwise.</summary>
    private static int Index(Value seg, int max)
    {
        int i;
        switch (seg)
        {
            case StringValue s:
                var t = s.Value;
                if (t.Length == 0 || t.Length > 9 || (t.Length > 1 && t[0] == '0') || !t.All(char.IsAsciiDigit))
                {
                    return -1;
                }

                i = int.Parse(t, System.Globalization.CultureInfo.InvariantCulture);
                break;
            case NumberValue n when n.TryGetInt32(out var v):
                i = v;
                break;
            default:
                return -1;
        }

        return i >= 0 && i <= max ? i : -1;
    }
}
