namespace AgentGate.Gateway.Approvals;

/// <summary>
/// Where approvals live: process memory (embedded) or Redis (shared by replicas). Every state change is atomic
/// in the store, so two replicas can neither both decide nor both consume one approval. Synchronous on purpose:
/// the policy enforcer that calls it is synchronous, and it is only reached for calls that need an approval.
/// </summary>
internal interface IApprovalRepository
{
    /// <summary>Every known approval, with its stored state (expiry is applied by <see cref="ApprovalStore"/>).</summary>
    IReadOnlyList<Approval> List();

    Approval? Get(string id);

    /// <summary>
    /// The open (pending or approved, unexpired at <paramref name="now"/>) approval for the candidate's exact call
    /// (action hash and policy revision), or the candidate itself, stored as pending, when there is none.
    /// </summary>
    Approval Open(Approval candidate, DateTimeOffset now);

    /// <summary>Moves a pending, unexpired approval to approved or denied; otherwise changes nothing.</summary>
    ApprovalTransition Decide(string id, ApprovalDecision decision, DateTimeOffset now);

    /// <summary>Marks the approved, unexpired approval for this exact call consumed and returns it; null when there is none.</summary>
    Approval? Consume(string actionHash, string policyRevision, DateTimeOffset now);
}
