using System.Globalization;
using System.Numerics;
using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Strings;

/// <summary>Basic string builtins: <c>concat contains startswith endswith lower upper format_int strings.reverse</c>.</summary>
[BuiltinGroup]
internal static partial class StringBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("concat", 2, Concat);
        t.Add("contains", 2, static (_, a) =>
            BooleanValue.From(BuiltinArgs.String("contains", a, 0).Contains(BuiltinArgs.String("contains", a, 1), StringComparison.Ordinal)));
        t.Add("startswith", 2, static (_, a) =>
            BooleanValue.From(BuiltinArgs.String("startswith", a, 0).StartsWith(BuiltinArgs.String("startswith", a, 1), StringComparison.Ordinal)));
        t.Add("endswith", 2, static (_, a) =>
            BooleanValue.From(BuiltinArgs.String("endswith", a, 0).EndsWith(BuiltinArgs.String("endswith", a, 1), StringComparison.Ordinal)));
        t.Add("lower", 1, static (_, a) => Same(a[0], BuiltinArgs.String("lower", a, 0).ToLowerInvariant()));
        t.Add("upper", 1, static (_, a) => Same(a[0], BuiltinArgs.String("upper", a, 0).ToUpperInvariant()));
        t.Add("format_int", 2, FormatInt);
        t.Add("strings.reverse", 1, static (_, a) => StringValue.From(Reverse(BuiltinArgs.String("strings.reverse", a, 0))));
        RegisterSearch(t);
        RegisterTrim(t);
        RegisterSplit(t);
    }

    /// <summary>Returns the operand itself when the result text is unchanged (no allocation).</summary>
    private static Value Same(Value original, string result) =>
        ((StringValue)original).Value == result ? original : StringValue.From(result);

    private static Value Concat(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var sep = BuiltinArgs.String("concat", a, 0);
        var items = CoreArgs.Elements(a[1]) ?? throw CoreErrors.Type("concat", 2, a[1], "set", "array");
        if (items.Count == 1 && items[0] is StringValue only)
        {
            return only;
        }

        var sb = new StringBuilder();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not StringValue s)
            {
                throw CoreErrors.Element("concat", 2, a[1], items[i], "string");
            }

            if (i > 0)
            {
                sb.Append(sep);
            }

            sb.Append(s.Value);
        }

        return StringValue.From(sb.ToString());
    }

    private static Value FormatInt(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var n = BuiltinArgs.Number("format_int", a, 0);
        var b = BuiltinArgs.Number("format_int", a, 1);
        var radix = b.TryGetInt32(out var r) ? r : 0;
        if (radix is not (2 or 8 or 10 or 16))
        {
            throw CoreErrors.Operand("format_int", 2, "must be one of {2, 8, 10, 16}");
        }

        var i = Numbers.NumberMath.Truncate(n);
        return StringValue.From(ToBase(i, radix));
    }

    internal static string ToBase(BigInteger value, int radix)
    {
        if (radix == 10)
        {
            return value.ToString(CultureInfo.InvariantCulture);
        }

        if (value.IsZero)
        {
            return "0";
        }

        var neg = value.Sign < 0;
        var v = BigInteger.Abs(value);
        var sb = new StringBuilder();
        while (!v.IsZero)
        {
            var d = (int)(v % radix);
            sb.Insert(0, (char)(d < 10 ? '0' + d : 'a' + d - 10));
            v /= radix;
        }

        if (neg)
        {
            sb.Insert(0, '-');
        }

        return sb.ToString();
    }

    internal static string Reverse(string s)
    {
        var runes = Runes.ToArray(s);
        Array.Reverse(runes);
        return Runes.FromArray(runes);
    }
}
