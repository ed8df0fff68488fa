using System.Numerics;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Numbers;

/// <summary><c>numbers.range</c>, <c>numbers.range_step</c>.</summary>
[BuiltinGroup]
internal static class RangeBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("numbers.range", 2, static (c, a) =>
            Range(c, "numbers.range", CoreArgs.BigInt("numbers.range", a, 0), CoreArgs.BigInt("numbers.range", a, 1), BigInteger.One));
        t.Add("numbers.range_step", 3, RangeStep);
    }

    private static Value RangeStep(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "numbers.range_step";
        var x = CoreArgs.BigInt(Name, a, 0);
        var y = CoreArgs.BigInt(Name, a, 1);
        var step = CoreArgs.BigInt(Name, a, 2);
        if (step.Sign <= 0)
        {
            throw CoreErrors.Builtin(Name, "step must be a positive integer");
        }

        return Range(c, Name, x, y, step);
    }

    private static ArrayValue Range(BuiltinContext c, string name, BigInteger x, BigInteger y, BigInteger step)
    {
        var items = new List<Value>();
        var ascending = x <= y;
        for (var i = x; ascending ? i <= y : i >= y; i = ascending ? i + step : i - step)
        {
            if ((items.Count & 1023) == 1023 && c.CancellationToken.IsCancellationRequested)
            {
                throw CoreErrors.Builtin(name, "timed out before generating all numbers in range");
            }

            items.Add(NumberValue.From(i));
        }

        return ArrayValue.Wrap([.. items]);
    }
}
