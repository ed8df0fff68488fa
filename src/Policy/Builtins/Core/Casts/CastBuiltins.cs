using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Casts;

/// <summary><c>to_number</c> and the deprecated <c>cast_*</c> builtins.</summary>
[BuiltinGroup]
internal static class CastBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("to_number", 1, ToNumber);
        t.Add("cast_array", 1, static (_, a) => a[0] switch
        {
            ArrayValue arr => arr,
            SetValue set => ArrayValue.Wrap([.. set.Sorted]),
            _ => throw CoreErrors.Type("cast_array", 1, a[0], "array", "set"),
        });
        t.Add("cast_set", 1, static (_, a) => a[0] switch
        {
            SetValue set => set,
            ArrayValue arr => SetValue.From(arr.Items),
            _ => throw CoreErrors.Type("cast_set", 1, a[0], "array", "set"),
        });
        t.Add("cast_string", 1, static (_, a) => a[0] as StringValue ?? throw CoreErrors.Type("cast_string", 1, a[0], "string"));
        t.Add("cast_boolean", 1, static (_, a) => a[0] as BooleanValue ?? throw CoreErrors.Type("cast_boolean", 1, a[0], "boolean"));
        t.Add("cast_null", 1, static (_, a) => a[0] as NullValue ?? throw CoreErrors.Type("cast_null", 1, a[0], "null"));
        t.Add("cast_object", 1, static (_, a) => a[0] as ObjectValue ?? throw CoreErrors.Type("cast_object", 1, a[0], "object"));
    }

    private static Value ToNumber(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        switch (a[0])
        {
            case NullValue:
                return NumberValue.Zero;
            case BooleanValue b:
                return b.Value ? NumberValue.One : NumberValue.Zero;
            case NumberValue n:
                return n;
            case StringValue s:
                var lower = s.Value.TrimStart('+', '-').ToLowerInvariant();
                if (lower is "inf" or "infinity" or "nan")
                {
                    throw CoreErrors.Type("to_number", 1, a[0], "valid number string");
                }

                if (GoParseFloat(s.Value) is { } n2)
                {
                    return n2;
                }

                throw CoreErrors.Builtin("to_number", $"strconv.ParseFloat: parsing {Strings.GoQuote.Quote(s.Value, ascii: false)}: invalid syntax");
            default:
                throw CoreErrors.Type("to_number", 1, a[0], "null", "boolean", "number", "string");
        }
    }

    /// <summary>Decimal text Go's strconv.ParseFloat accepts (sign, digits, fraction, exponent, underscores excluded).</summary>
    private static NumberValue? GoParseFloat(string s)
    {
        var t = s.StartsWith('+') ? s[1..] : s;
        if (t.Length == 0 || t.Any(ch => !(char.IsAsciiDigit(ch) || ch is '.' or 'e' or 'E' or '-' or '+')))
        {
            return null;
        }

        return NumberValue.TryParse(t, out var n) ? n : null;
    }
}
