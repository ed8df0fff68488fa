using AgentGate.Policy.Values;

namespace AgentGate.Policy;

/// <summary>The outcome of a query: rows of variable bindings, or an error. No rows means undefined.</summary>
public sealed class PolicyResult
{
    private PolicyResult(IReadOnlyList<IReadOnlyDictionary<string, Value>> rows, PolicyError? error)
    {
        Rows = rows;
        Error = error;
    }

    public IReadOnlyList<IReadOnlyDictionary<string, Value>> Rows { get; }

    public PolicyError? Error { get; }

    public bool IsError => Error is not null;

    public bool IsUndefined => Error is null && Rows.Count == 0;

    public static PolicyResult Success(IReadOnlyList<IReadOnlyDictionary<string, Value>> rows) => new(rows, null);

    public static PolicyResult Failure(PolicyError error) => new([], error);
}
