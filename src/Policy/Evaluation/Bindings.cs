using AgentGate.Policy.Values;

namespace AgentGate.Policy.Evaluation;

/// <summary>Variable bindings of one rule/query scope with an undo trail for backtracking.</summary>
internal sealed class Bindings
{
    private readonly Dictionary<string, Value> _map = new(StringComparer.Ordinal);
    private readonly List<string> _trail = [];

    public int Mark => _trail.Count;

    public bool TryGet(string name, out Value value) => _map.TryGetValue(name, out value!);

    public bool IsBound(string name) => _map.ContainsKey(name);

    public void Bind(string name, Value value)
    {
        _map[name] = value;
        _trail.Add(name);
    }

    public void Undo(int mark)
    {
        for (var i = _trail.Count - 1; i >= mark; i--)
        {
            _map.Remove(_trail[i]);
        }

        _trail.RemoveRange(mark, _trail.Count - mark);
    }

    public IEnumerable<KeyValuePair<string, Value>> All => _map;

    public void Clear()
    {
        _map.Clear();
        _trail.Clear();
    }
}
