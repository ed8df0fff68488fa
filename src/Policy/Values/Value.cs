using System.Text;

namespace AgentGate.Policy.Values;

/// <summary>
/// An immutable OPA value. Values are totally ordered
/// (null &lt; boolean &lt; number &lt; string &lt; array &lt; object &lt; set)
/// and compare/hash structurally.
/// </summary>
public abstract class Value : IEquatable<Value>, IComparable<Value>
{
    private protected Value()
    {
    }

    public abstract ValueKind Kind { get; }

    /// <summary>OPA's <c>type_name</c> of this value.</summary>
    public string TypeName => Kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => "boolean",
        ValueKind.Number => "number",
        ValueKind.String => "string",
        ValueKind.Array => "array",
        ValueKind.Object => "object",
        _ => "set",
    };

    public abstract bool Equals(Value? other);

    public abstract override int GetHashCode();

    public override bool Equals(object? obj) => obj is Value v && Equals(v);

    public int CompareTo(Value? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        var k = Kind.CompareTo(other.Kind);
        return k != 0 ? k : CompareSameKind(other);
    }

    /// <summary>Compares with a value of the same kind.</summary>
    private protected abstract int CompareSameKind(Value other);

    /// <summary>Writes this value as Rego term text (sets as <c>{…}</c>, the empty set as <c>set()</c>).</summary>
    internal abstract void WriteRego(StringBuilder sb);

    /// <summary>The value as Rego term text.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        WriteRego(sb);
        return sb.ToString();
    }

    public static bool operator ==(Value? a, Value? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(Value? a, Value? b) => !(a == b);

    public static bool operator <(Value a, Value b) => a.CompareTo(b) < 0;

    public static bool operator >(Value a, Value b) => a.CompareTo(b) > 0;

    public static bool operator <=(Value a, Value b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Value a, Value b) => a.CompareTo(b) >= 0;
}
