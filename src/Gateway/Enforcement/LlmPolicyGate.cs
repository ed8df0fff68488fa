using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Proxy;
using AgentGate.Policy.Values;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Enforcement;

/// <summary>The first gate of every model call: the policy decides before anything is reserved or sent.</summary>
internal sealed class LlmPolicyGate(PolicyEnforcer enforcer) : ICallGate
{
    public ValueTask<GateResult> BeforeAsync(LlmCall call, CancellationToken cancellationToken)
    {
        var action = PolicyInput.Object(
            ("kind", StringValue.From("llm")),
            ("provider", StringValue.From(call.Provider.Name)),
            ("model", PolicyInput.Str(call.Model)),
            ("method", StringValue.From(call.Method)),
            ("path", StringValue.From(call.Path)),
            ("stream", BooleanValue.From(call.Stream)),
            ("max_tokens", call.MaxTokens is { } max ? NumberValue.From(max) : NullValue.Instance));
        var outcome = enforcer.Enforce(new CallIdentity(call.Agent, call.Task, call.Session), action, cancellationToken);
        call.Items[CallAudit.PolicyRevisionItem] = outcome.Decision.Revision;
        call.Items[CallAudit.PolicyRuleItem] = outcome.Decision.Rule;
        if (outcome.Allowed)
        {
            call.Items[CallAudit.ApprovalItem] = outcome.ApprovalId;
            return ValueTask.FromResult(GateResult.Allow);
        }

        return ValueTask.FromResult(ToGateResult(outcome));
    }

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
