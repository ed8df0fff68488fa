using AgentGate.Gateway.Errors;
using AgentGate.Gateway.Proxy;
using AgentGate.Policy.Values;
using Microsoft.AspNetCore.Http;

namespace AgentGate.Gateway.Enforcement;

/// <summary>The first gate of every model call: the policy decides before anything is reserved or sent.</summary>
internal sealed class LlmPolicyGate(PolicyEnforcer enforcer) : ICallGate
{
    private static readonly StringValue KindKey = StringValue.From("kind");
    private static readonly StringValue Llm = StringValue.From("llm");
    private static readonly StringValue ProviderKey = StringValue.From("provider");
    private static readonly StringValue ModelKey = StringValue.From("model");
    private static readonly StringValue MethodKey = StringValue.From("method");
    private static readonly StringValue PathKey = StringValue.From("path");
    private static readonly StringValue StreamKey = StringValue.From("stream");
    private static readonly StringValue MaxTokensKey = StringValue.From("max_tokens");

    public ValueTask<GateResult> BeforeAsync(LlmCall call, CancellationToken cancellationToken)
    {
        var outcome = enforcer.Enforce(new CallIdentity(call.Agent, call.Task, call.Session), Action(call), cancellationToken);
        call.Items[CallAudit.PolicyRevisionItem] = outcome.Decision.Revision;
        call.Items[CallAudit.PolicyRuleItem] = outcome.Decision.Rule;
        if (outcome.Allowed)
        {
            call.Items[CallAudit.ApprovalItem] = outcome.ApprovalId;
            return ValueTask.FromResult(GateResult.Allow);
        }

        return ValueTask.FromResult(ToGateResult(outcome));
    }

    /// <summary>The policy's <c>input.action</c> of a model call.</summary>
    public static ObjectValue Action(LlmCall call) => ObjectValue.From(
    [
        new(KindKey, Llm),
        new(ProviderKey, StringValue.From(call.Provider.Name)),
        new(ModelKey, PolicyInput.Str(call.Model)),
        new(MethodKey, StringValue.From(call.Method)),
        new(PathKey, StringValue.From(call.Path)),
        new(StreamKey, BooleanValue.From(call.Stream)),
        new(MaxTokensKey, call.MaxTokens is { } max ? NumberValue.From(max) : NullValue.Instance),
    ]);

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
