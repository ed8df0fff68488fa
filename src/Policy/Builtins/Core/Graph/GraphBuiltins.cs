using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Graph;

/// <summary>
/// graph.reachable and graph.reachable_paths over an adjacency object (<c>{node: [neighbours] or {neighbours}}</c>),
/// as OPA computes them: start nodes absent from the graph are not reached; a path stops at a leaf, before a node
/// already on the path (a cycle), or before a neighbour the graph does not list.
/// </summary>
[BuiltinGroup]
internal static class GraphBuiltins
{
    private const string Reachable = "graph.reachable";
    private const string ReachablePaths = "graph.reachable_paths";

    internal static void Register(BuiltinTable t)
    {
        t.Add(Reachable, 2, static (_, a) => ReachableFrom(BuiltinArgs.Object(Reachable, a, 0), Vertices(Reachable, a[1])));
        t.Add(ReachablePaths, 2, static (_, a) =>
        {
            var graph = BuiltinArgs.Object(ReachablePaths, a, 0);
            var paths = new HashSet<Value>();
            foreach (var start in Vertices(ReachablePaths, a[1]))
            {
                Paths(graph, start, [], paths);
            }

            return SetValue.From(paths);
        });
    }

    private static IReadOnlyList<Value> Vertices(string name, Value initial) => initial switch
    {
        ArrayValue arr => arr.Items,
        SetValue set => set.Items,
        _ => throw CoreErrors.Type(name, 2, initial, "array", "set"),
    };

    private static IReadOnlyList<Value> Edges(Value edges) => edges switch
    {
        ArrayValue arr => arr.Items,
        SetValue set => set.Items,
        _ => [],
    };

    private static SetValue ReachableFrom(ObjectValue graph, IReadOnlyList<Value> initial)
    {
        var reached = new HashSet<Value>();
        var queue = new Queue<Value>(initial);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (graph.Get(node) is not { } edges || !reached.Add(node))
            {
                continue;
            }

            foreach (var next in Edges(edges))
            {
                if (!reached.Contains(next))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return SetValue.From(reached);
    }

    private static void Paths(ObjectValue graph, Value node, List<Value> path, HashSet<Value> result)
    {
        if (graph.Get(node) is not { } edges)
        {
            if (path.Count > 0)
            {
                result.Add(ArrayValue.From(path));
            }

            return;
        }

        var here = new List<Value>(path) { node };
        var next = Edges(edges);
        if (next.Count == 0)
        {
            result.Add(ArrayValue.From(here));
            return;
        }

        foreach (var neighbour in next)
        {
            if (here.Contains(neighbour))
            {
                result.Add(ArrayValue.From(here));
            }
            else
            {
                Paths(graph, neighbour, here, result);
            }
        }
    }
}
