using System.Security.Cryptography;
using System.Text;
using AgentGate.Gateway.Approvals;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// The one decision path every enforcement point uses (model calls, /v1/authorize, git, egress, MCP):
/// build the input, ask the policy, and turn <c>require_approval</c> into a held call unless an
/// approval for exactly this call is waiting to be consumed.
/// </summary>
internal sealed class PolicyEnforcer(PolicyEngine engine, ApprovalStore approvals, PolicySettings settings, TimeProvider time)
{
    public EnforcementOutcome Enforce(CallIdentity who, ObjectValue action, CancellationToken cancellationToken) =>
        Enforce(who, action, false, cancellationToken);

    /// <summary>
    /// As <see cref="Enforce(CallIdentity, ObjectValue, CancellationToken)"/>; <paramref name="memoize"/> lets the
    /// engine reuse the decision of an equal input (only for actions the gateway built from canonical values).
    /// </summary>
    public EnforcementOutcome Enforce(CallIdentity who, ObjectValue action, bool memoize, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var decision = memoize
            ? engine.Decide(PolicyInput.Untimed(who, action), PolicyInput.TimeKey, PolicyInput.Time(now), cancellationToken)
            : engine.Decide(PolicyInput.Build(who, action, now), cancellationToken);
        if (!decision.Allow)
        {
            return new EnforcementOutcome(decision, EnforcementVerdict.Deny, null);
        }

        if (!decision.NeedsApproval)
        {
            return new EnforcementOutcome(decision, EnforcementVerdict.Allow, null);
        }

        var actionJson = ValueJson.Serialize(action);
        var hash = ActionHash(who.Agent.Id, actionJson);
        if (approvals.TryConsume(hash, decision.Revision) is { } approved)
        {
            return new EnforcementOutcome(decision, EnforcementVerdict.Allow, approved.Id);
        }

        var pending = approvals.Request(new Approval
        {
            Id = string.Empty,
            ActionHash = hash,
            PolicyRevision = decision.Revision,
            Agent = who.Agent.Id,
            Owner = who.Agent.Owner,
            Task = who.Task,
            Kind = action.Get(StringValue.From("kind")) is StringValue k ? k.Value : "unknown",
            Action = actionJson,
            Reasons = decision.RequireApproval,
            CreatedAt = now,
            ExpiresAt = now + settings.ApprovalTtl,
        });
        return new EnforcementOutcome(decision, EnforcementVerdict.HeldForApproval, pending.Id);
    }

    private static string ActionHash(string agent, string actionJson) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(agent + "\n" + actionJson)));
}
