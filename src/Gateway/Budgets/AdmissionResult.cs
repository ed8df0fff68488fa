using System.Diagnostics.CodeAnalysis;

namespace AgentGate.Gateway.Budgets;

/// <summary>Either a reservation to settle after the call or a rejection to send back.</summary>
internal readonly record struct AdmissionResult(BudgetReservation? Reservation, BudgetRejection? Rejection)
{
    [MemberNotNullWhen(true, nameof(Reservation))]
    [MemberNotNullWhen(false, nameof(Rejection))]
    public bool IsAdmitted => Reservation is not null;

    public static AdmissionResult Admitted(BudgetReservation reservation) => new(reservation, null);

    public static AdmissionResult Rejected(BudgetRejection rejection) => new(null, rejection);
}
