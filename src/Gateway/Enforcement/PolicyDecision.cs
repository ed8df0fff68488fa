using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// The gate's answer for one action. <see cref="Allow"/> is true only when the evaluation succeeded
/// and <see cref="Deny"/> is empty; a non-empty <see cref="RequireApproval"/> holds an allow for a human.
/// </summary>
internal sealed record PolicyDecision(bool Allow, IReadOnlyList<string> Deny, IReadOnlyList<string> RequireApproval, string Rule, string Revision)
{
    public const string FailClosedRule = "agentgate.fail_closed";

    private static readonly StringValue DenyKey = StringValue.From("deny");
    private static readonly StringValue ApprovalKey = StringValue.From("require_approval");
    private static readonly StringValue RuleKey = StringValue.From("rule");
    private static readonly StringValue AllowKey = StringValue.From("allow");

    public bool NeedsApproval => Allow && RequireApproval.Count > 0;

    public string Message => Deny.Count > 0 ? string.Join("; ", Deny) : string.Join("; ", RequireApproval);

    public static PolicyDecision FailClosed(string reason, string revision) =>
        new(false, [reason], [], FailClosedRule, revision);

    /// <summary>Reads <c>data.agentgate.decision</c>; anything malformed is a fail-closed deny.</summary>
    public static PolicyDecision From(Value? value, string revision)
    {
        if (value is not ObjectValue obj)
        {
            return FailClosed(value is null ? "policy decision is undefined" : "policy decision is not an object", revision);
        }

        var deny = Strings(obj.Get(DenyKey));
        var approvals = Strings(obj.Get(ApprovalKey));
        if (deny is null || approvals is null)
        {
            return FailClosed("policy decision has malformed 'deny' or 'require_approval'", revision);
        }

        var rule = obj.Get(RuleKey) is StringValue r ? r.Value : "agentgate";
        var allow = obj.Get(AllowKey) is BooleanValue { Value: true } && deny.Count == 0;
        if (!allow && deny.Count == 0)
        {
            deny = ["policy did not allow the action"];
        }

        return new PolicyDecision(allow, deny, approvals, rule, revision);
    }

    private static IReadOnlyList<string>? Strings(Value? value)
    {
        IReadOnlyList<Value> items = value switch
        {
            null => [],
            ArrayValue a => a.Items,
            SetValue s => s.Items,
            _ => null!,
        };
        if (items is null)
        {
            return null;
        }

        if (items.Count == 0)
        {
            return [];
        }

        var result = new string[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = items[i] is StringValue s ? s.Value : ValueJson.Serialize(items[i]);
        }

        return result;
    }
}
