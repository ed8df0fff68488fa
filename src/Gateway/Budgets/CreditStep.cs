namespace AgentGate.Gateway.Budgets;

/// <summary>What <see cref="ReplicaCredit.TryTake"/> decided: an answer from credit alone, or a fetch this caller
/// must send. <paramref name="Returns"/> is stale credit found on the way, to send to Redis (a fetch carries the
/// same list ahead of its reservation).</summary>
internal readonly record struct CreditStep(StoreDecision? Decision, CreditFetch? Fetch, List<PendingSettlement> Returns);
