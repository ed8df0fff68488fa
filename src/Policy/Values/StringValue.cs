using System.Text;

namespace AgentGate.Policy.Values;

/// <summary>A string value, ordered by ordinal comparison of its UTF-16 text.</summary>
public sealed class StringValue : Value
{
    private int _hash;

    private StringValue(string value) => Value = value;

    public static StringValue Empty { get; } = new(string.Empty);

    public string Value { get; }

    public override ValueKind Kind => ValueKind.String;

    public static StringValue From(string value) => value.Length == 0 ? Empty : new StringValue(value);

    public override bool Equals(Value? other) =>
        other is StringValue s && (ReferenceEquals(s, this) || string.Equals(s.Value, Value, StringComparison.Ordinal));

    public override int GetHashCode()
    {
        var h = _hash;
        if (h == 0)
        {
            h = StringComparer.Ordinal.GetHashCode(Value) | 1;
            _hash = h;
        }

        return h;
    }

    private protected override int CompareSameKind(Value other) => CompareCodePoints(Value, ((StringValue)other).Value);

    /// <summary>Orders strings by Unicode code point (as Go compares UTF-8 bytes), not by UTF-16 unit.</summary>
    internal static int CompareCodePoints(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x != y)
            {
                return Fix(x) - Fix(y);
            }
        }

        return a.Length - b.Length;

        static int Fix(char c) => c >= 0xD800 ? (c <= 0xDFFF ? c + 0x2000 : c - 0x800) : c;
    }

    internal override void WriteRego(StringBuilder sb) => sb.Append(ValueJson.Quote(Value));
}
