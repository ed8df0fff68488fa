using System.Text;

namespace AgentGate.Policy.Values;

/// <summary>An immutable set of values; <see cref="Items"/> is sorted by the total order.</summary>
public sealed class SetValue : Value
{
    private readonly HashSet<Value> _set;
    private Value[]? _sorted;
    private int _hash;

    private SetValue(HashSet<Value> set) => _set = set;

    public static SetValue Empty { get; } = new([]);

    public override ValueKind Kind => ValueKind.Set;

    public int Count => _set.Count;

    /// <summary>The elements in sorted order.</summary>
    public IReadOnlyList<Value> Items => Sorted;

    internal Value[] Sorted
    {
        get
        {
            var s = _sorted;
            if (s is null)
            {
                s = new Value[_set.Count];
                _set.CopyTo(s);
                Array.Sort(s);
                _sorted = s;
            }

            return s;
        }
    }

    /// <summary>The elements in no particular order (cheap to enumerate).</summary>
    internal HashSet<Value> Unordered => _set;

    public bool Contains(Value value) => _set.Contains(value);

    public static SetValue From(IEnumerable<Value> items)
    {
        var set = new HashSet<Value>(items);
        return set.Count == 0 ? Empty : new SetValue(set);
    }

    /// <summary>Wraps a set the caller will never mutate again (no copy).</summary>
    internal static SetValue Wrap(HashSet<Value> set) => set.Count == 0 ? Empty : new SetValue(set);

    public override bool Equals(Value? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not SetValue s || s.Count != Count || s.GetHashCode() != GetHashCode())
        {
            return false;
        }

        foreach (var v in _set)
        {
            if (!s._set.Contains(v))
            {
                return false;
            }
        }

        return true;
    }

    public override int GetHashCode()
    {
        var h = _hash;
        if (h == 0)
        {
            // Order-independent combination.
            var sum = 0x5e7;
            foreach (var v in _set)
            {
                sum = unchecked(sum + (v.GetHashCode() * 31));
            }

            h = sum | 1;
            _hash = h;
        }

        return h;
    }

    private protected override int CompareSameKind(Value other)
    {
        var a = Sorted;
        var b = ((SetValue)other).Sorted;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    internal override void WriteRego(StringBuilder sb)
    {
        if (_set.Count == 0)
        {
            sb.Append("set()");
            return;
        }

        sb.Append('{');
        var first = true;
        foreach (var v in Sorted)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            v.WriteRego(sb);
        }

        sb.Append('}');
    }
}
