using AgentGate.Policy.Values;

namespace AgentGate.Policy;

/// <summary>
/// What one evaluation depended on besides the bundle. <see cref="Pure"/>: nothing but input and data (no
/// clock, randomness, nondeterministic builtin or output), so an equal input under the same bundle gives the
/// same value. <see cref="WholeInput"/> / <see cref="InputKeys"/>: which top-level input keys it could see;
/// a pure evaluation that did not read a key has the same value for inputs that differ only in that key.
/// </summary>
public readonly record struct EvaluationFootprint(bool Pure, bool WholeInput, IReadOnlyList<Value> InputKeys)
{
    /// <summary>Unknown (errors): impure, the whole input.</summary>
    public static EvaluationFootprint Unknown { get; } = new(false, true, []);

    /// <summary>True when the value may depend on <c>input[key]</c>.</summary>
    public bool Reads(Value key)
    {
        if (WholeInput)
        {
            return true;
        }

        foreach (var k in InputKeys)
        {
            if (k.Equals(key))
            {
                return true;
            }
        }

        return false;
    }
}
