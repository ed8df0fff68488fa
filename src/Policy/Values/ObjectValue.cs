using System.Text;

namespace AgentGate.Policy.Values;

/// <summary>An immutable object whose keys may be any value; <see cref="Pairs"/> is sorted by key.</summary>
public sealed class ObjectValue : Value
{
    private readonly Dictionary<Value, Value> _map;
    private KeyValuePair<Value, Value>[]? _sorted;
    private int _hash;

    private ObjectValue(Dictionary<Value, Value> map) => _map = map;

    public static ObjectValue Empty { get; } = new([]);

    public override ValueKind Kind => ValueKind.Object;

    public int Count => _map.Count;

    /// <summary>The key/value pairs sorted by key.</summary>
    public IEnumerable<KeyValuePair<Value, Value>> Pairs => SortedPairs;

    /// <summary>The keys in sorted order.</summary>
    public IEnumerable<Value> Keys
    {
        get
        {
            foreach (var p in SortedPairs)
            {
                yield return p.Key;
            }
        }
    }

    internal KeyValuePair<Value, Value>[] SortedPairs
    {
        get
        {
            var s = _sorted;
            if (s is null)
            {
                s = [.. _map];
                Array.Sort(s, static (x, y) => x.Key.CompareTo(y.Key));
                _sorted = s;
            }

            return s;
        }
    }

    /// <summary>The underlying map (cheap unordered enumeration; never mutate).</summary>
    internal Dictionary<Value, Value> Map => _map;

    public bool TryGetValue(Value key, out Value value)
    {
        if (_map.TryGetValue(key, out var v))
        {
            value = v;
            return true;
        }

        value = NullValue.Instance;
        return false;
    }

    public Value? Get(Value key) => _map.TryGetValue(key, out var v) ? v : null;

    public bool ContainsKey(Value key) => _map.ContainsKey(key);

    /// <summary>Builds an object; later duplicates win.</summary>
    public static ObjectValue From(IEnumerable<KeyValuePair<Value, Value>> pairs)
    {
        var map = pairs is IReadOnlyCollection<KeyValuePair<Value, Value>> sized ? new Dictionary<Value, Value>(sized.Count) : new Dictionary<Value, Value>();
        foreach (var p in pairs)
        {
            map[p.Key] = p.Value;
        }

        return map.Count == 0 ? Empty : new ObjectValue(map);
    }

    /// <summary>Wraps a dictionary the caller will never mutate again (no copy).</summary>
    internal static ObjectValue Wrap(Dictionary<Value, Value> map) => map.Count == 0 ? Empty : new ObjectValue(map);

    public ObjectValue With(Value key, Value value)
    {
        var map = new Dictionary<Value, Value>(_map) { [key] = value };
        return new ObjectValue(map);
    }

    public ObjectValue Without(Value key)
    {
        if (!_map.ContainsKey(key))
        {
            return this;
        }

        var map = new Dictionary<Value, Value>(_map);
        map.Remove(key);
        return Wrap(map);
    }

    public override bool Equals(Value? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not ObjectValue o || o.Count != Count || o.GetHashCode() != GetHashCode())
        {
            return false;
        }

        foreach (var p in _map)
        {
            if (!o._map.TryGetValue(p.Key, out var v) || !v.Equals(p.Value))
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
            var sum = 0x0b1;
            foreach (var p in _map)
            {
                sum = unchecked(sum + HashCode.Combine(p.Key.GetHashCode(), p.Value.GetHashCode()));
            }

            h = sum | 1;
            _hash = h;
        }

        return h;
    }

    private protected override int CompareSameKind(Value other)
    {
        var a = SortedPairs;
        var b = ((ObjectValue)other).SortedPairs;
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = a[i].Key.CompareTo(b[i].Key);
            if (c != 0)
            {
                return c;
            }

            c = a[i].Value.CompareTo(b[i].Value);
            if (c != 0)
            {
                return c;
            }
        }

        return a.Length.CompareTo(b.Length);
    }

    internal override void WriteRego(StringBuilder sb)
    {
        sb.Append('{');
        var first = true;
        foreach (var p in SortedPairs)
        {
            if (!first)
            {
                sb.Append(", ");
            }

            first = false;
            p.Key.WriteRego(sb);
            sb.Append(": ");
            p.Value.WriteRego(sb);
        }

        sb.Append('}');
    }
}
