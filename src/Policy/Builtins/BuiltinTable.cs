using System.Reflection;

namespace AgentGate.Policy.Builtins;

/// <summary>The builtins known to the compiler and evaluator, by name.</summary>
public sealed class BuiltinTable
{
    private static readonly Lazy<BuiltinTable> DefaultTable = new(CreateDefault, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, BuiltinDefinition> _byName = new(StringComparer.Ordinal);

    /// <summary>Every builtin group in this assembly, discovered once.</summary>
    public static BuiltinTable Default => DefaultTable.Value;

    public int Count => _byName.Count;

    public IEnumerable<BuiltinDefinition> Definitions => _byName.Values;

    /// <summary>Adds or replaces a builtin.</summary>
    public void Add(BuiltinDefinition definition) => _byName[definition.Name] = definition;

    public void Add(string name, int arity, BuiltinFunction fn) => Add(new BuiltinDefinition(name, arity, fn));

    public bool TryGet(string name, out BuiltinDefinition def)
    {
        if (_byName.TryGetValue(name, out var d))
        {
            def = d;
            return true;
        }

        def = null!;
        return false;
    }

    /// <summary>A copy that can be extended without touching this table.</summary>
    public BuiltinTable Clone()
    {
        var t = new BuiltinTable();
        foreach (var d in _byName.Values)
        {
            t.Add(d);
        }

        return t;
    }

    private static BuiltinTable CreateDefault()
    {
        var table = new BuiltinTable();
        var groups = typeof(BuiltinTable).Assembly.GetTypes()
            .Where(t => t.IsClass && t.IsAbstract && t.IsSealed && t.GetCustomAttribute<BuiltinGroupAttribute>() is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in groups)
        {
            var register = type.GetMethod("Register", BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public, [typeof(BuiltinTable)])
                ?? throw new InvalidOperationException($"Builtin group {type.FullName} has no static Register(BuiltinTable) method.");
            register.Invoke(null, [table]);
        }

        return table;
    }
}
