using System.Collections.Concurrent;
using AgentGate.Policy.Values;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// Decisions of one active bundle for inputs the gateway built itself, kept only when the evaluation was a
/// pure function of the input (no clock, randomness or output — see <c>EvaluationFootprint</c>): the same
/// input under the same bundle then has the same decision, so re-evaluating it is wasted work. A decision
/// whose evaluation never read the input's time is kept under the input without its time and serves every
/// second; otherwise under the whole input (that second only). Bounded, dropped whenever another bundle
/// becomes active; errors and timeouts are never kept.
/// </summary>
internal sealed class DecisionMemo(PolicySnapshot snapshot)
{
    public const int Capacity = 4096;

    private readonly ConcurrentDictionary<Value, PolicyDecision> _decisions = new();
    private int _added;

    public PolicySnapshot Snapshot => snapshot;

    public bool TryGet(Value input, out PolicyDecision decision) => _decisions.TryGetValue(input, out decision!);

    public void Add(Value input, PolicyDecision decision)
    {
        if (Interlocked.Increment(ref _added) > Capacity)
        {
            _decisions.Clear();
            Volatile.Write(ref _added, 0);
        }

        _decisions.TryAdd(input, decision);
    }
}
