using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Strings;

internal static partial class StringBuiltins
{
    private static void RegisterSearch(BuiltinTable t)
    {
        t.Add("indexof", 2, IndexOf);
        t.Add("indexof_n", 2, IndexOfN);
        t.Add("substring", 3, Substring);
        t.Add("strings.count", 2, Count);
        t.Add("strings.any_prefix_match", 2, static (_, a) => BooleanValue.From(AnyMatch("strings.any_prefix_match", a, prefix: true)));
        t.Add("strings.any_suffix_match", 2, static (_, a) => BooleanValue.From(AnyMatch("strings.any_suffix_match", a, prefix: false)));
    }

    private static Value IndexOf(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("indexof", a, 0);
        var search = BuiltinArgs.String("indexof", a, 1);
        if (search.Length == 0)
        {
            throw CoreErrors.Builtin("indexof", "empty search character");
        }

        var at = s.IndexOf(search, StringComparison.Ordinal);
        return NumberValue.From(at < 0 ? -1 : Runes.IndexOf(s, at));
    }

    private static Value IndexOfN(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("indexof_n", a, 0);
        var search = BuiltinArgs.String("indexof_n", a, 1);
        if (search.Length == 0)
        {
            throw CoreErrors.Builtin("indexof_n", "empty search character");
        }

        var found = new List<Value>();
        var rune = 0;
        for (var pos = 0; pos < s.Length; rune++)
        {
            if (string.CompareOrdinal(s, pos, search, 0, search.Length) == 0)
            {
                found.Add(NumberValue.From(rune));
            }

            pos += char.IsHighSurrogate(s[pos]) && pos + 1 < s.Length && char.IsLowSurrogate(s[pos + 1]) ? 2 : 1;
        }

        return ArrayValue.Wrap([.. found]);
    }

    private static Value Substring(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("substring", a, 0);
        var start = CoreArgs.Int("substring", a, 1);
        var length = CoreArgs.Int("substring", a, 2);
        if (start < 0)
        {
            throw CoreErrors.Builtin("substring", "negative offset");
        }

        var from = Runes.Offset(s, start);
        if (from >= s.Length)
        {
            return StringValue.Empty;
        }

        if (length < 0)
        {
            return from == 0 ? a[0] : StringValue.From(s[from..]);
        }

        var to = from + Runes.Offset(s.Substring(from), length);
        return from == 0 && to == s.Length ? a[0] : StringValue.From(s[from..to]);
    }

    private static Value Count(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("strings.count", a, 0);
        var sub = BuiltinArgs.String("strings.count", a, 1);
        if (sub.Length == 0)
        {
            return NumberValue.From(Runes.Count(s) + 1);
        }

        var n = 0;
        for (var pos = s.IndexOf(sub, StringComparison.Ordinal); pos >= 0; pos = s.IndexOf(sub, pos + sub.Length, StringComparison.Ordinal))
        {
            n++;
        }

        return NumberValue.From(n);
    }

    private static bool AnyMatch(string name, ReadOnlySpan<Value> a, bool prefix)
    {
        var strs = StringOrStrings(name, a, 0);
        var fixes = StringOrStrings(name, a, 1);
        foreach (var s in strs)
        {
            foreach (var f in fixes)
            {
                if (prefix ? s.StartsWith(f, StringComparison.Ordinal) : s.EndsWith(f, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static List<string> StringOrStrings(string name, ReadOnlySpan<Value> a, int i) => a[i] switch
    {
        StringValue s => [s.Value],
        ArrayValue or SetValue => CoreArgs.Strings(name, a, i),
        _ => throw CoreErrors.Type(name, i + 1, a[i], "string", "set", "array"),
    };
}
