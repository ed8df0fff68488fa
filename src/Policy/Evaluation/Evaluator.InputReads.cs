using AgentGate.Policy.Syntax;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

/// <summary>
/// Which parts of the input one evaluation could see: the top-level keys of <c>input.key…</c> references,
/// or the whole input when it was used in any other way (as a value, iterated, indexed by a variable).
/// </summary>
internal sealed partial class Evaluator
{
    private List<Value>? _inputKeys;

    /// <summary>True once the input was used other than through a constant top-level key.</summary>
    public bool ReadWholeInput { get; private set; }

    /// <summary>The top-level input keys read through <c>input.key…</c> references.</summary>
    public IReadOnlyList<Value> InputKeysRead => (IReadOnlyList<Value>?)_inputKeys ?? [];

    /// <summary>True when the term is the input document itself (not a local variable named like it).</summary>
    private bool IsInputHead(Term head) => head is VarTerm { Name: "input" } && !_b.IsBound("input");

    /// <summary>Notes an <c>input</c> reference with these operands.</summary>
    private void NoteInputRef(Term[] path)
    {
        if (path.Length == 0 || path[0] is not ScalarTerm { Value: StringValue key })
        {
            ReadWholeInput = true;
            return;
        }

        var keys = _inputKeys ??= new List<Value>(4);
        if (!keys.Contains(key))
        {
            keys.Add(key);
        }
    }
}
