using AgentGate.Gateway.Enforcement;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.LeakStop;

/// <summary>
/// The check <c>/v1/authorize</c> runs before the policy: an action whose text carries a credential is denied
/// without asking the policy (so it never lands in an approval request), and the action is replaced by a
/// redacted copy so the audit record's target does not carry the secret either.
/// </summary>
internal sealed class ActionLeakCheck(LeakStopScanner scanner, PolicyEngine engine)
{
    public const string Withheld = "[withheld: carries a credential]";
    private static readonly string[] TextFields = ["command", "path", "host", "tool", "repo", "url"];

    public EnforcementOutcome? Check(ref ObjectValue action)
    {
        if (scanner.ScanAction(action) is not { } finding)
        {
            return null;
        }

        var pairs = new List<(string, Value)> { ("kind", action.Get(StringValue.From("kind")) ?? StringValue.From("unknown")) };
        foreach (var field in TextFields)
        {
            if (action.Get(StringValue.From(field)) is not null)
            {
                pairs.Add((field, StringValue.From(Withheld)));
            }
        }

        action = PolicyInput.Object([.. pairs]);
        var decision = new PolicyDecision(false, [LeakStopScanner.ErrorType + ": " + LeakStopScanner.Describe(finding)], [], LeakStopScanner.Rule, engine.Revision);
        return new EnforcementOutcome(decision, EnforcementVerdict.Deny, null);
    }
}
