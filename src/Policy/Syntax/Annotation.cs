using AgentGate.Policy.Values;

namespace AgentGate.Policy.Syntax;

/// <summary>
/// A METADATA block attached to a package or rule: its scope (rule, document, package, subpackages) and the
/// object <c>rego.metadata.*</c> returns for it (only the fields OPA emits, <c>scope</c> included).
/// </summary>
internal sealed record Annotation(Loc Loc, string Scope, ObjectValue Value);
