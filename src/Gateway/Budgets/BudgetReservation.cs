namespace AgentGate.Gateway.Budgets;

/// <summary>What an admitted call holds until it is settled (exactly once; later calls are ignored).</summary>
internal sealed class BudgetReservation
{
    private int _settled;

    public required AdmissionRequest Request { get; init; }

    public required ReservationPlan Plan { get; init; }

    /// <summary>Reserved money in micro-USD.</summary>
    public required long ReservedCostMicros { get; init; }

    public required long ReservedOutputTokens { get; init; }

    /// <summary>True when reserved in the degraded-mode local store.</summary>
    public required bool Local { get; init; }

    public required TimeSpan QueueWait { get; init; }

    public string Id => Plan.LeaseId;

    /// <summary>Tokens reserved on top of the plan while a stream ran past its reserved output.</summary>
    public long ExtraTokens { get; set; }

    /// <summary>Micro-USD reserved with <see cref="ExtraTokens"/>.</summary>
    public long ExtraCostMicros { get; set; }

    internal bool TryMarkSettled() => Interlocked.Exchange(ref _settled, 1) == 0;
}
