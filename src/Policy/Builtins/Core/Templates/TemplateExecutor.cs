using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Templates;

/// <summary>Executes parsed templates over OPA values with Go's printing, truthiness and <c>missingkey=error</c>.</summary>
internal sealed partial class TemplateExecutor
{
    private const int MaxOutput = 1 << 24;

    private readonly StringBuilder _out = new();
    private readonly Dictionary<string, Value?> _vars = new(StringComparer.Ordinal);

    private TemplateExecutor(Value root) => _vars["$"] = root;

    public static string Execute(List<TemplateNode> nodes, Value root)
    {
        var e = new TemplateExecutor(root);
        e.Run(nodes, root);
        return e._out.ToString();
    }

    private void Run(List<TemplateNode> nodes, Value? dot)
    {
        foreach (var node in nodes)
        {
            if (_out.Length > MaxOutput)
            {
                throw new FormatException("template: output too large");
            }

            switch (node)
            {
                case TemplateNode.Text t:
                    _out.Append(t.Value);
                    break;
                case TemplateNode.Output o:
                    var (assignTo, pipeline) = SplitDeclaration(o.Pipeline);
                    var value = Eval(pipeline, dot);
                    if (assignTo.Count > 0)
                    {
                        _vars[assignTo[0]] = value;
                    }
                    else
                    {
                        _out.Append(Print(value, top: true));
                    }

                    break;
                case TemplateNode.Block b:
                    RunBlock(b, dot);
                    break;
            }
        }
    }

    private void RunBlock(TemplateNode.Block b, Value? dot)
    {
        var (names, pipeline) = SplitDeclaration(b.Pipeline);
        var value = Eval(pipeline, dot);
        switch (b.Kind)
        {
            case "if":
                Run(Truthy(value) ? b.Body : b.Else ?? [], dot);
                break;
            case "with":
                if (Truthy(value))
                {
                    Run(b.Body, value);
                }
                else
                {
                    Run(b.Else ?? [], dot);
                }

                break;
            default:
                var pairs = RangeItems(value);
                if (pairs.Count == 0)
                {
                    Run(b.Else ?? [], dot);
                    break;
                }

                foreach (var (key, item) in pairs)
                {
                    if (names.Count == 1)
                    {
                        _vars[names[0]] = item;
                    }
                    else if (names.Count == 2)
                    {
                        _vars[names[0]] = key;
                        _vars[names[1]] = item;
                    }

                    Run(b.Body, item);
                }

                break;
        }
    }

    private static List<(Value Key, Value Item)> RangeItems(Value? v)
    {
        var result = new List<(Value, Value)>();
        switch (v)
        {
            case ArrayValue or SetValue:
                var items = CoreArgs.Elements(v)!;
                for (var i = 0; i < items.Count; i++)
                {
                    result.Add((NumberValue.From(i), items[i]));
                }

                break;
            case ObjectValue o:
                foreach (var p in o.Pairs)
                {
                    result.Add((p.Key, p.Value));
                }

                break;
            case null or NullValue:
                break;
            default:
                throw new FormatException($"template: range can't iterate over {Print(v, top: false)}");
        }

        return result;
    }

    private static (List<string> Names, string Pipeline) SplitDeclaration(string pipeline)
    {
        var assign = pipeline.IndexOf(":=", StringComparison.Ordinal);
        if (assign < 0 || !pipeline.TrimStart().StartsWith('$'))
        {
            return ([], pipeline);
        }

        var names = pipeline[..assign].Split(',').Select(n => n.Trim()).ToList();
        return (names, pipeline[(assign + 2)..].Trim());
    }

    internal static bool Truthy(Value? v) => v switch
    {
        null or NullValue => false,
        BooleanValue b => b.Value,
        StringValue s => s.Value.Length > 0,
        ArrayValue a => a.Count > 0,
        ObjectValue o => o.Count > 0,
        SetValue s => s.Count > 0,
        _ => true,
    };

    /// <summary>Go's %v of the JSON-decoded value (maps sorted, slices space-separated).</summary>
    internal static string Print(Value? v, bool top) => v switch
    {
        null => top ? "<no value>" : "<nil>",
        NullValue => top ? "<no value>" : "<nil>",
        StringValue s => s.Value,
        BooleanValue b => b.Value ? "true" : "false",
        NumberValue n => n.ToString(),
        ObjectValue o => "map[" + string.Join(' ', o.Pairs.Select(p => Print(p.Key, false) + ":" + Print(p.Value, false))) + "]",
        _ => "[" + string.Join(' ', CoreArgs.Elements(v)!.Select(x => Print(x, false))) + "]",
    };
}
