using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Strings;

internal static partial class StringBuiltins
{
    private static void RegisterSplit(BuiltinTable t)
    {
        t.Add("split", 2, Split);
        t.Add("replace", 3, Replace);
        t.Add("strings.replace_n", 2, ReplaceN);
    }

    private static Value Split(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("split", a, 0);
        var d = BuiltinArgs.String("split", a, 1);
        if (d.Length == 0)
        {
            var runes = new List<Value>();
            foreach (var r in s.EnumerateRunes())
            {
                runes.Add(StringValue.From(r.ToString()));
            }

            return ArrayValue.Wrap([.. runes]);
        }

        if (!s.Contains(d, StringComparison.Ordinal))
        {
            return ArrayValue.Wrap([a[0]]);
        }

        var parts = s.Split(d);
        var items = new Value[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            items[i] = StringValue.From(parts[i]);
        }

        return ArrayValue.Wrap(items);
    }

    private static Value Replace(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("replace", a, 0);
        var old = BuiltinArgs.String("replace", a, 1);
        var with = BuiltinArgs.String("replace", a, 2);
        var result = ReplaceAll(s, [(old, with)]);
        return Same(a[0], result);
    }

    private static Value ReplaceN(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var patterns = BuiltinArgs.Object("strings.replace_n", a, 0);
        var s = BuiltinArgs.String("strings.replace_n", a, 1);
        var pairs = new List<(string Old, string New)>(patterns.Count);
        foreach (var p in patterns.Pairs)
        {
            if (p.Key is not StringValue k)
            {
                throw CoreErrors.Operand("strings.replace_n", 1, "non-string key found in pattern object");
            }

            if (p.Value is not StringValue v)
            {
                throw CoreErrors.Operand("strings.replace_n", 1, "non-string value found in pattern object");
            }

            pairs.Add((k.Value, v.Value));
        }

        return StringValue.From(ReplaceAll(s, pairs));
    }

    /// <summary>
    /// Go's strings.Replacer: scans left to right, at each position the first pair (in argument order) whose
    /// old text matches wins; an empty old text matches at every rune boundary.
    /// </summary>
    internal static string ReplaceAll(string s, List<(string Old, string New)> pairs)
    {
        if (pairs.Count == 1 && pairs[0].Old.Length > 0)
        {
            return s.Replace(pairs[0].Old, pairs[0].New, StringComparison.Ordinal);
        }

        var sb = new StringBuilder(s.Length);
        var pos = 0;
        while (true)
        {
            var matched = false;
            foreach (var (old, with) in pairs)
            {
                if (old.Length == 0)
                {
                    sb.Append(with);
                    matched = true;
                    break;
                }

                if (string.CompareOrdinal(s, pos, old, 0, old.Length) == 0 && pos + old.Length <= s.Length)
                {
                    sb.Append(with);
                    pos += old.Length;
                    matched = true;
                    goto next;
                }
            }

            if (pos >= s.Length)
            {
                break;
            }

            var step = char.IsHighSurrogate(s[pos]) && pos + 1 < s.Length ? 2 : 1;
            sb.Append(s, pos, step);
            pos += step;
            continue;
        next:
            if (!matched || pos > s.Length)
            {
                break;
            }
        }

        return sb.ToString();
    }
}
