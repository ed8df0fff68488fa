namespace AgentGate.Policy.Values;

/// <summary>The kinds of OPA values, declared in OPA's total order.</summary>
public enum ValueKind
{
    Null = 0,
    Boolean = 1,
    Number = 2,
    String = 3,
    Array = 4,
    Object = 5,
    Set = 6,
}
