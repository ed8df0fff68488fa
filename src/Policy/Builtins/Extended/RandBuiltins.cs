using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>rand.intn and uuid.rfc4122: random values that stay stable within one query.</summary>
[BuiltinGroup]
internal static class RandBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add(new BuiltinDefinition("rand.intn", 2, RandIntn) { Nondeterministic = true });
        t.Add(new BuiltinDefinition("uuid.rfc4122", 1, UuidRfc4122) { Nondeterministic = true });
    }

    private static Value? RandIntn(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        var key = BuiltinArgs.String("rand.intn", a, 0);
        var number = BuiltinArgs.Number("rand.intn", a, 1);
        if (!number.TryGetInt64(out var n))
        {
            throw BuiltinException.Error("rand.intn", "operand 2 must be an integer");
        }

        if (n == 0)
        {
            return NumberValue.From(0);
        }

        n = Math.Abs(n);
        var cacheKey = "rand.intn\u0000" + key + "\u0000" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (context.QueryCache.TryGetValue(cacheKey, out var cached))
        {
            return (Value)cached;
        }

        Value result = NumberValue.From(context.Random.NextInt64(n));
        context.QueryCache[cacheKey] = result;
        return result;
    }

    private static Value? UuidRfc4122(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        var key = "uuid.rfc4122\u0000" + BuiltinArgs.String("uuid.rfc4122", a, 0);
        if (context.QueryCache.TryGetValue(key, out var cached))
        {
            return (Value)cached;
        }

        var bytes = new byte[16];
        context.Random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(bytes);
        Value result = StringValue.From($"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}");
        context.QueryCache[key] = result;
        return result;
    }
}
