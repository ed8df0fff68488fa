using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Language;

/// <summary>
/// rego.metadata.rule() and rego.metadata.chain(). Inside a rule the compiler replaces each call with the rule's
/// annotations (<see cref="Compilation.RegoMetadata"/>); these definitions answer the calls made outside any
/// rule (in a query), where there are no annotations.
/// </summary>
[BuiltinGroup]
internal static class RegoMetadataBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add(Compilation.RegoMetadata.RuleCall, 0, static (_, _) => ObjectValue.Empty);
        t.Add(Compilation.RegoMetadata.ChainCall, 0, static (_, _) => ArrayValue.Empty);
    }
}
