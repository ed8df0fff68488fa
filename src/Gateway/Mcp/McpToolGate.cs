using System.Text.Json;
using AgentGate.Gateway.Enforcement;
using AgentGate.Gateway.LeakStop;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Mcp;

/// <summary>
/// The decision for one <c>tools/call</c>: the arguments go through the leak stop, then the action
/// <c>{kind: tool, server, tool, arguments}</c> through the one enforcement path (approvals included).
/// For <c>tools/list</c> it answers, without creating approval requests, whether a tool may be shown.
/// </summary>
internal sealed class McpToolGate(PolicyEnforcer enforcer, PolicyEngine engine, ActionLeakCheck leaks, TimeProvider time)
{
    private static readonly Value EmptyArguments = ObjectValue.From([]);

    public McpToolDecision Decide(CallIdentity who, string server, JsonRpcMessage message, CancellationToken cancellationToken)
    {
        if (!message.Element.TryGetProperty("params", out var parameters) || parameters.ValueKind != JsonValueKind.Object
            || !parameters.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String)
        {
            return new McpToolDecision(null, null, new JsonRpcError(McpErrorCodes.InvalidParams, "invalid params: tools/call needs params.name (a string)", "invalid_params"));
        }

        var tool = nameElement.GetString()!;
        Value arguments = EmptyArguments;
        if (parameters.TryGetProperty("arguments", out var args))
        {
            if (args.ValueKind is not (JsonValueKind.Object or JsonValueKind.Null))
            {
                return new McpToolDecision(tool, null, new JsonRpcError(McpErrorCodes.InvalidParams, "invalid params: params.arguments must be an object", "invalid_params"));
            }

            arguments = args.ValueKind == JsonValueKind.Null ? EmptyArguments : ValueJson.FromJsonElement(args);
        }

        var action = Action(server, tool, arguments);
        var outcome = leaks.Check(ref action) ?? enforcer.Enforce(who, action, cancellationToken);
        return new McpToolDecision(tool, outcome, outcome.Allowed ? null : JsonRpcError.FromOutcome(outcome));
    }

    /// <summary>Whether <c>tools/list</c> shows the tool: the policy would allow a call (approval-gated tools stay visible).</summary>
    public bool MayList(CallIdentity who, string server, string tool, CancellationToken cancellationToken)
    {
        var input = PolicyInput.Build(who, Action(server, tool, EmptyArguments), time.GetUtcNow());
        return engine.Decide(input, cancellationToken).Allow;
    }

    private static ObjectValue Action(string server, string tool, Value arguments) => PolicyInput.Object(
        ("kind", StringValue.From("tool")),
        ("server", StringValue.From(server)),
        ("tool", StringValue.From(tool)),
        ("arguments", arguments));
}
