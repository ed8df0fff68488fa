using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace AgentGate.Gateway.Approvals;

/// <summary>
/// Pending and decided approvals, in memory. Separation of duties: the approver is never the requesting
/// agent nor its owner. Approving lets one identical call (same action hash, same policy revision)
/// through before the expiry; the approval is then consumed.
/// </summary>
internal sealed class ApprovalStore(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Approval> _approvals = new(StringComparer.Ordinal);

    public IReadOnlyList<Approval> List()
    {
        var now = time.GetUtcNow();
        return _approvals.Values.Select(a => Expire(a, now)).OrderBy(a => a.CreatedAt).ToList();
    }

    public Approval? Get(string id) => _approvals.TryGetValue(id, out var a) ? Expire(a, time.GetUtcNow()) : null;

    /// <summary>Returns the pending approval for this exact call, creating it when there is none.</summary>
    public Approval Request(Approval template)
    {
        var now = time.GetUtcNow();
        foreach (var existing in _approvals.Values)
        {
            if (existing.State == ApprovalState.Pending && existing.ActionHash == template.ActionHash
                && existing.PolicyRevision == template.PolicyRevision && existing.ExpiresAt > now)
            {
                return existing;
            }
        }

        var approval = template with { Id = "apr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)), State = ApprovalState.Pending };
        _approvals[approval.Id] = approval;
        return approval;
    }

    /// <summary>Consumes an approved, unexpired approval for exactly this call; true lets it through once.</summary>
    public Approval? TryConsume(string actionHash, string policyRevision)
    {
        var now = time.GetUtcNow();
        foreach (var (id, approval) in _approvals)
        {
            if (approval.State == ApprovalState.Approved && approval.ActionHash == actionHash
                && approval.PolicyRevision == policyRevision && approval.ExpiresAt > now
                && _approvals.TryUpdate(id, approval with { State = ApprovalState.Consumed }, approval))
            {
                return approval;
            }
        }

        return null;
    }

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

        if (!_approvals.TryGetValue(id, out var approval))
        {
            return new(404, "not_found", $"approval '{id}' is not known");
        }

        var now = time.GetUtcNow();
        approval = Expire(approval, now);
        if (approval.State != ApprovalState.Pending)
        {
            return new(409, "approval_closed", $"approval '{id}' is {approval.State.ToString().ToLowerInvariant()}");
        }

        if (string.Equals(approver, approval.Owner, StringComparison.OrdinalIgnoreCase)
            || string.Equals(approver, approval.Agent, StringComparison.OrdinalIgnoreCase))
        {
            return new(403, "separation_of_duties", $"{approver} owns agent {approval.Agent} and cannot decide its approvals");
        }

        var decided = approval with
        {
            State = approve ? ApprovalState.Approved : ApprovalState.Denied,
            DecidedBy = approver,
            DecidedAt = now,
            Comment = comment,
        };
        return _approvals.TryUpdate(id, decided, approval) ? null : new(409, "approval_closed", $"approval '{id}' changed concurrently");
    }

    private Approval Expire(Approval approval, DateTimeOffset now)
    {
        if (approval.State is ApprovalState.Pending or ApprovalState.Approved && approval.ExpiresAt <= now)
        {
            var expired = approval with { State = ApprovalState.Expired };
            _approvals.TryUpdate(approval.Id, expired, approval);
            return expired;
        }

        return approval;
    }
}
