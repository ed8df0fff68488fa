using System.Text;

namespace AgentGate.Policy.Values;

/// <summary>An immutable array of values.</summary>
public sealed class ArrayValue : Value
{
    private readonly Value[] _items;
    private int _hash;

    private ArrayValue(Value[] items) => _items = items;

    public static ArrayValue Empty { get; } = new([]);

    public override ValueKind Kind => ValueKind.Array;

    public IReadOnlyList<Value> Items => _items;

    public int Count => _items.Length;

    public Value this[int index] => _items[index];

    internal ReadOnlySpan<Value> Span => _items;

    public static ArrayValue From(IEnumerable<Value> items)
    {
        var a = items.ToArray();
        return a.Length == 0 ? Empty : new ArrayValue(a);
    }

    public static ArrayValue From(params Value[] items) => items.Length == 0 ? Empty : new ArrayValue((Value[])items.Clone());

    /// <summary>Wraps an array the caller will never mutate again (no copy).</summary>
    internal static ArrayValue Wrap(Value[] items) => items.Length == 0 ? Empty : new ArrayValue(items);

    public override bool Equals(Value? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is not ArrayValue a || a._items.Length != _items.Length)
        {
            return false;
        }

        for (var i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(a._items[i]))
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
            var hc = new HashCode();
            hc.Add(ValueKind.Array);
            foreach (var v in _items)
            {
                hc.Add(v.GetHashCode());
            }

            h = hc.ToHashCode() | 1;
            _hash = h;
        }

        return h;
    }

    private protected override int CompareSameKind(Value other)
    {
        var b = ((ArrayValue)other)._items;
        var n = Math.Min(_items.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var c = _items[i].CompareTo(b[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return _items.Length.CompareTo(b.Length);
    }

    internal override void WriteRego(StringBuilder sb)
    {
        sb.Append('[');
        for (var i = 0; i < _items.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            _items[i].WriteRego(sb);
        }

        sb.Append(']');
    }
}
