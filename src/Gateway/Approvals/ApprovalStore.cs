using System.Security.Cryptography;

namespace AgentGate.Gateway.Approvals;

/// <summary>
/// Pending and decided approvals, in memory or in Redis (<see cref="IApprovalRepository"/>). Separation of duties:
/// the approver is never the requesting agent nor its owner, and never an agent token. Approving lets one
/// identical call (same action hash, same policy revision) through before the expiry; the approval is then
/// consumed — atomically in the store, so two replicas cannot both let a retry through.
/// </summary>
internal sealed class ApprovalStore(IApprovalRepository repository, TimeProvider time)
{
    public IReadOnlyList<Approval> List()
    {
        var now = time.GetUtcNow();
        return repository.List().Select(a => Expire(a, now)).OrderBy(a => a.CreatedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    public Approval? Get(string id) => repository.Get(id) is { } approval ? Expire(approval, time.GetUtcNow()) : null;

    /// <summary>Returns the open approval for this exact call (pending, or approved and not yet used), creating a pending one when there is none.</summary>
    public Approval Request(Approval template)
    {
        var candidate = template with { Id = "apr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), State = ApprovalState.Pending };
        return repository.Open(candidate, time.GetUtcNow());
    }

    /// <summary>Consumes an approved, unexpired approval for exactly this call; non-null lets it through once.</summary>
    public Approval? TryConsume(string actionHash, string policyRevision) => repository.Consume(actionHash, policyRevision, time.GetUtcNow());

    public ApprovalDecisionError? Decide(string id, string approver, bool approve, string? comment)
    {
        if (string.IsNullOrWhiteSpace(approver))
        {
            return new(400, "bad_request", "an approver identity is required (\"approver\" in the body)");
        }

        if (approver.StartsWith("agt_", StringComparison.Ordinal))
        {
            return new(403, "separation_of_duties", "an agent token cannot approve");
        }

        var now = time.GetUtcNow();
        if (Get(id) is not { } approval)
        {
            return new(404, "not_found", $"approval '{id}' is not known");
        }

        if (approval.State != ApprovalState.Pending)
        {
            return Closed(approval);
        }

        if (string.Equals(approver, approval.Owner, StringComparison.OrdinalIgnoreCase)
            || string.Equals(approver, approval.Agent, StringComparison.OrdinalIgnoreCase))
        {
            return new(403, "separation_of_duties", $"{approver} owns agent {approval.Agent} and cannot decide its approvals");
        }

        var transition = repository.Decide(id, new ApprovalDecision(approve, approver, now, comment), now);
        return transition.Applied ? null
            : transition.Current is { } current ? Closed(Expire(current, now))
            : new(404, "not_found", $"approval '{id}' is not known");
    }

    private static ApprovalDecisionError Closed(Approval approval) =>
        new(409, "approval_closed", $"approval '{approval.Id}' is {approval.State.ToString().ToLowerInvariant()}");

    private static Approval Expire(Approval approval, DateTimeOffset now) =>
        approval.State is ApprovalState.Pending or ApprovalState.Approved && approval.ExpiresAt <= now
            ? approval with { State = ApprovalState.Expired }
            : approval;
}
