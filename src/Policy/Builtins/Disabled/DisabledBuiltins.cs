using AgentGate.Policy.Evaluation;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Disabled;

/// <summary>
/// OPA builtins that reach the network or the host, declared with OPA's operand count and types so policies
/// that mention them compile (and <c>with http.send as mock</c> works), but that never run: an unmocked call
/// halts the query with an <c>eval_builtin_error</c>, in strict mode or not, instead of quietly going undefined.
/// </summary>
[BuiltinGroup]
internal static class DisabledBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        // http.send(request: object) => object
        t.Add(new BuiltinDefinition("http.send", 1, static (_, a) => Refuse("http.send", "object", a, "no network access from policies")) { Nondeterministic = true });

        // net.lookup_ip_addr(name: string) => set[string]
        t.Add(new BuiltinDefinition("net.lookup_ip_addr", 1, static (_, a) => Refuse("net.lookup_ip_addr", "string", a, "no DNS lookups from policies")) { Nondeterministic = true });

        // rego.parse_module(filename: string, rego: string) => object
        t.Add("rego.parse_module", 2, static (_, a) =>
        {
            BuiltinArgs.String("rego.parse_module", a, 0);
            BuiltinArgs.String("rego.parse_module", a, 1);
            throw Disabled("rego.parse_module", "unsupported: AgentGate's engine does not expose OPA's module AST");
        });
    }

    private static Value? Refuse(string name, string operandType, ReadOnlySpan<Value> a, string why)
    {
        if (operandType == "object")
        {
            BuiltinArgs.Object(name, a, 0);
        }
        else
        {
            BuiltinArgs.String(name, a, 0);
        }

        throw Disabled(name, why + "; mock it in tests with `with " + name + " as …`");
    }

    private static EvalException Disabled(string name, string why) =>
        new(BuiltinException.BuiltinErrorCode, $"{name}: {name} is disabled in AgentGate's policy engine ({why})");
}
