using System.Text;

namespace AgentGate.Policy.Values;

/// <summary>The JSON null value.</summary>
public sealed class NullValue : Value
{
    private NullValue()
    {
    }

    public static NullValue Instance { get; } = new();

    public override ValueKind Kind => ValueKind.Null;

    public override bool Equals(Value? other) => other is NullValue;

    public override int GetHashCode() => 0x4e554c4c;

    private protected override int CompareSameKind(Value other) => 0;

    internal override void WriteRego(StringBuilder sb) => sb.Append("null");
}
