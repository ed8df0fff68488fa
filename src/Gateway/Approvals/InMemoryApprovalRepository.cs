namespace AgentGate.Gateway.Approvals;

/// <summary>Approvals in process memory: the embedded default. One lock makes every transition atomic.</summary>
internal sealed class InMemoryApprovalRepository : IApprovalRepository
{
    private readonly Dictionary<string, Approval> _approvals = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public IReadOnlyList<Approval> List()
    {
        lock (_gate)
        {
            return [.. _approvals.Values];
        }
    }

    public Approval? Get(string id)
    {
        lock (_gate)
        {
            return _approvals.GetValueOrDefault(id);
        }
    }

    public Approval Open(Approval candidate, DateTimeOffset now)
    {
        lock (_gate)
        {
            Prune(now);
            foreach (var existing in _approvals.Values)
            {
                if (existing.State is ApprovalState.Pending or ApprovalState.Approved && SameCall(existing, candidate.ActionHash, candidate.PolicyRevision) && existing.ExpiresAt > now)
                {
                    return existing;
                }
            }

            var stored = candidate with { State = ApprovalState.Pending };
            _approvals[stored.Id] = stored;
            return stored;
        }
    }

    public ApprovalTransition Decide(string id, ApprovalDecision decision, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_approvals.TryGetValue(id, out var approval))
            {
                return new ApprovalTransition(false, null);
            }

            if (approval.State != ApprovalState.Pending || approval.ExpiresAt <= now)
            {
                return new ApprovalTransition(false, approval);
            }

            var decided = approval with { State = decision.State, DecidedBy = decision.DecidedBy, DecidedAt = decision.DecidedAt, Comment = decision.Comment };
            _approvals[id] = decided;
            return new ApprovalTransition(true, decided);
        }
    }

    public Approval? Consume(string actionHash, string policyRevision, DateTimeOffset now)
    {
        lock (_gate)
        {
            foreach (var approval in _approvals.Values)
            {
                if (approval.State == ApprovalState.Approved && SameCall(approval, actionHash, policyRevision) && approval.ExpiresAt > now)
                {
                    var consumed = approval with { State = ApprovalState.Consumed };
                    _approvals[approval.Id] = consumed;
                    return consumed;
                }
            }

            return null;
        }
    }

    /// <summary>Stores an approval as it stands (file replay, or undoing a change the file could not record).</summary>
    internal void Put(Approval approval)
    {
        lock (_gate)
        {
            _approvals[approval.Id] = approval;
        }
    }

    internal void Remove(string id)
    {
        lock (_gate)
        {
            _approvals.Remove(id);
        }
    }

    /// <summary>Drops approvals past their retention, as their Redis keys expire, so memory stays bounded.</summary>
    private void Prune(DateTimeOffset now)
    {
        foreach (var (id, approval) in _approvals)
        {
            if (approval.ExpiresAt + ApprovalRetention.AfterExpiry <= now)
            {
                _approvals.Remove(id);
            }
        }
    }

    private static bool SameCall(Approval approval, string actionHash, string policyRevision) =>
        approval.ActionHash == actionHash && approval.PolicyRevision == policyRevision;
}
