using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins;

/// <summary>
/// A builtin implementation. <paramref name="args"/> are the call's operands (no output argument);
/// returning null means "undefined".
/// </summary>
public delegate Value? BuiltinFunction(BuiltinContext context, ReadOnlySpan<Value> args);
