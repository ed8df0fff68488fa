using System.Text;

namespace AgentGate.Policy.Values;

/// <summary>A boolean value; only the two shared instances exist.</summary>
public sealed class BooleanValue : Value
{
    private BooleanValue(bool value) => Value = value;

    public static BooleanValue True { get; } = new(true);

    public static BooleanValue False { get; } = new(false);

    public bool Value { get; }

    public override ValueKind Kind => ValueKind.Boolean;

    public static BooleanValue From(bool value) => value ? True : False;

    public override bool Equals(Value? other) => other is BooleanValue b && b.Value == Value;

    public override int GetHashCode() => Value ? 0x7472 : 0x6661;

    private protected override int CompareSameKind(Value other) => Value.CompareTo(((BooleanValue)other).Value);

    internal override void WriteRego(StringBuilder sb) => sb.Append(Value ? "true" : "false");
}
