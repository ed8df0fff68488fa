namespace AgentGate.Policy.Builtins;

/// <summary>
/// Marks a static class holding <c>internal static void Register(BuiltinTable table)</c>;
/// <see cref="BuiltinTable.Default"/> discovers every such class once.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class BuiltinGroupAttribute : Attribute
{
}
