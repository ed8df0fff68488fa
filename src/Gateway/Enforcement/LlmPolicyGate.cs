using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Proxy;
using AgentGate.Policy.Values;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Enforcement;

/// <summary>The first gate of every model call: the policy decides before anything is reserved or sent.</summary>
internal sealed class LlmPolicyGate(PolicyEnforcer enforcer, PolicySettings settings) : ICallGate
{
    public ValueTask<GateResult> BeforeAsync(LlmCall call, CancellationToken cancellationToken)
    {
        // The action holds only strings, booleans, null and a whole number: equal inputs are indistinguishable
        // to the policy, so the engine may reuse the decision of an equal one.
        var outcome = enforcer.Enforce(new CallIdentity(call.Agent, call.Task, call.Session), Action(call), memoize: settings.DecisionMemo, cancellationToken);
        call.Items[CallAudit.PolicyRevisionItem] = outcome.Decision.Revision;
        call.Items[CallAudit.PolicyRuleItem] = outcome.Decision.Rule;
        if (outcome.Allowed)
        {
            if (outcome.ApprovalId is not null)
            {
                call.Items[CallAudit.ApprovalItem] = outcome.ApprovalId;
            }

            return ValueTask.FromResult(GateResult.Allow);
        }

        return ValueTask.FromResult(ToGateResult(outcome));
    }

    /// <summary>The policy's <c>input.action</c> of a model call.</summary>
    public static ObjectValue Action(LlmCall call) => LlmAction.For(call);

    public ValueTask AfterAsync(LlmCall call, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public static GateResult ToGateResult(EnforcementOutcome outcome)
    {
        var d = outcome.Decision;
        var reasons = outcome.Verdict == EnforcementVerdict.HeldForApproval ? d.RequireApproval : d.Deny;
        return GateResult.Deny(StatusCodes.Status403Forbidden, outcome.ErrorType, d.Message, d.Rule) with
        {
            Details = new ErrorDetails(reasons, outcome.ApprovalId, d.Revision),
        };
    }
}
