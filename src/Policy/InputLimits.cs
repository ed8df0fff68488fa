using AgentGate.Policy.Values;

namespace AgentGate.Policy;

/// <summary>Rejects inputs that are too large or too deep before evaluation starts.</summary>
internal static class InputLimits
{
    public static PolicyError? Check(Value input, int maxNodes, int maxDepth)
    {
        var nodes = 0;
        return Visit(input, 1, ref nodes, maxNodes, maxDepth);
    }

    private static PolicyError? Visit(Value v, int depth, ref int nodes, int maxNodes, int maxDepth)
    {
        if (++nodes > maxNodes)
        {
            return new PolicyError("input_limit_error", $"input has more than {maxNodes} values");
        }

        if (depth > maxDepth)
        {
            return new PolicyError("input_limit_error", $"input is nested deeper than {maxDepth}");
        }

        switch (v)
        {
            case ArrayValue a:
                foreach (var i in a.Items)
                {
                    if (Visit(i, depth + 1, ref nodes, maxNodes, maxDepth) is { } e)
                    {
                        return e;
                    }
                }

                break;
            case ObjectValue o:
                foreach (var p in o.Map)
                {
                    if (Visit(p.Value, depth + 1, ref nodes, maxNodes, maxDepth) is { } e)
                    {
                        return e;
                    }
                }

                break;
            case SetValue s:
                foreach (var i in s.Unordered)
                {
                    if (Visit(i, depth + 1, ref nodes, maxNodes, maxDepth) is { } e)
                    {
                        return e;
                    }
                }

                break;
        }

        return null;
    }
}
