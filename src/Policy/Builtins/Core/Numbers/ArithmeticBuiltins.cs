using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Numbers;

/// <summary><c>plus minus mul div rem abs round ceil floor</c>.</summary>
[BuiltinGroup]
internal static class ArithmeticBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("plus", 2, Plus);
        t.Add("minus", 2, Minus);
        t.Add("mul", 2, Mul);
        t.Add("div", 2, Div);
        t.Add("rem", 2, Rem);
        t.Add("abs", 1, static (_, a) => Unary("abs", a, NumberMath.Abs));
        t.Add("round", 1, static (_, a) => Unary("round", a, NumberMath.Round));
        t.Add("ceil", 1, static (_, a) => Unary("ceil", a, NumberMath.Ceiling));
        t.Add("floor", 1, static (_, a) => Unary("floor", a, NumberMath.Floor));
    }

    private static Value Plus(BuiltinContext c, ReadOnlySpan<Value> a) =>
        NumberValue.Add(BuiltinArgs.Number("plus", a, 0), BuiltinArgs.Number("plus", a, 1));

    private static Value Mul(BuiltinContext c, ReadOnlySpan<Value> a) =>
        NumberValue.Multiply(BuiltinArgs.Number("mul", a, 0), BuiltinArgs.Number("mul", a, 1));

    private static Value Div(BuiltinContext c, ReadOnlySpan<Value> a) =>
        NumberValue.Divide(BuiltinArgs.Number("div", a, 0), BuiltinArgs.Number("div", a, 1))
        ?? throw CoreErrors.Builtin("div", "divide by zero");

    private static Value Rem(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var x = BuiltinArgs.Number("rem", a, 0);
        var y = BuiltinArgs.Number("rem", a, 1);
        if (x.IsInteger && y.IsInteger && y.IsZero)
        {
            throw CoreErrors.Builtin("rem", "modulo by zero");
        }

        if (!x.IsInteger || !y.IsInteger)
        {
            throw CoreErrors.Builtin("rem", "modulo on floating-point number");
        }

        return NumberValue.Remainder(x, y) ?? throw CoreErrors.Builtin("rem", "modulo by zero");
    }

    private static Value Minus(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        if (a[0] is NumberValue x && a[1] is NumberValue y)
        {
            return NumberValue.Subtract(x, y);
        }

        if (a[0] is SetValue s1 && a[1] is SetValue s2)
        {
            return Sets.SetOps.Difference(s1, s2);
        }

        if (a[0] is not NumberValue && a[0] is not SetValue)
        {
            throw CoreErrors.Type("minus", 1, a[0], "number", "set");
        }

        throw a[1] is NumberValue
            ? CoreErrors.Type("minus", 2, a[1], "set")
            : CoreErrors.Type("minus", 2, a[1], "number");
    }

    private static Value Unary(string name, ReadOnlySpan<Value> a, Func<NumberValue, NumberValue> op) =>
        op(BuiltinArgs.Number(name, a, 0));
}
