using System.Text.RegularExpressions;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

/// <summary><c>regex.*</c> and <c>re_match</c> with RE2 semantics.</summary>
[BuiltinGroup]
internal static class RegexBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("regex.match", 2, static (_, a) => Match("regex.match", a));
        t.Add("re_match", 2, static (_, a) => Match("re_match", a));
        t.Add("regex.is_valid", 1, IsValid);
        t.Add("regex.split", 2, Split);
        t.Add("regex.replace", 3, Replace);
        t.Add("regex.find_n", 3, FindN);
        t.Add("regex.find_all_string_submatch_n", 3, FindAllSubmatch);
        t.Add("regex.template_match", 4, TemplateMatch);
        t.Add("regex.globs_match", 2, GlobsMatch);
    }

    private static Value GlobsMatch(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var x = BuiltinArgs.String("regex.globs_match", a, 0);
        var y = BuiltinArgs.String("regex.globs_match", a, 1);
        try
        {
            return BooleanValue.From(GlobIntersection.NonEmpty(x, y));
        }
        catch (FormatException ex)
        {
            throw CoreErrors.Builtin("regex.globs_match", ex.Message);
        }
    }

    private static Value Match(string name, ReadOnlySpan<Value> a)
    {
        var pattern = BuiltinArgs.String(name, a, 0);
        var s = BuiltinArgs.String(name, a, 1);
        return Guard(name, () => BooleanValue.From(RegexCache.Get(name, pattern).IsMatch(s)));
    }

    private static Value IsValid(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        if (a[0] is not StringValue s)
        {
            return BooleanValue.False;
        }

        try
        {
            RegexCache.Compile(s.Value);
            return BooleanValue.True;
        }
        catch (FormatException)
        {
            return BooleanValue.False;
        }
    }

    private static Value Split(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var pattern = BuiltinArgs.String("regex.split", a, 0);
        var s = BuiltinArgs.String("regex.split", a, 1);
        var re = RegexCache.Get("regex.split", pattern);
        return Guard("regex.split", () => ArrayValue.Wrap([.. re.Split(s, pattern.Length == 0).Select(StringValue.From)]));
    }

    private static Value Replace(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("regex.replace", a, 0);
        var pattern = BuiltinArgs.String("regex.replace", a, 1);
        var with = BuiltinArgs.String("regex.replace", a, 2);
        var re = RegexCache.Get("regex.replace", pattern);
        var result = Guard("regex.replace", () => re.ReplaceAll(s, with));
        return result == s ? a[0] : StringValue.From(result);
    }

    private static Value FindN(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var pattern = BuiltinArgs.String("regex.find_n", a, 0);
        var s = BuiltinArgs.String("regex.find_n", a, 1);
        var n = CoreArgs.Int("regex.find_n", a, 2);
        var re = RegexCache.Get("regex.find_n", pattern);
        return Guard("regex.find_n", () => ArrayValue.Wrap([.. re.FindAll(s, n).Select(m => StringValue.From(m.Value))]));
    }

    private static Value FindAllSubmatch(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "regex.find_all_string_submatch_n";
        var pattern = BuiltinArgs.String(Name, a, 0);
        var s = BuiltinArgs.String(Name, a, 1);
        var n = CoreArgs.Int(Name, a, 2);
        var re = RegexCache.Get(Name, pattern);
        return Guard(Name, () => ArrayValue.Wrap([.. re.FindAll(s, n).Select(Groups)]));

        static Value Groups(Match m)
        {
            var items = new Value[m.Groups.Count];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = StringValue.From(m.Groups[i].Success ? m.Groups[i].Value : string.Empty);
            }

            return ArrayValue.Wrap(items);
        }
    }

    private static Value TemplateMatch(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "regex.template_match";
        var template = BuiltinArgs.String(Name, a, 0);
        var s = BuiltinArgs.String(Name, a, 1);
        var start = BuiltinArgs.String(Name, a, 2);
        var end = BuiltinArgs.String(Name, a, 3);
        if (start.Length != 1)
        {
            throw CoreErrors.Builtin(Name, $"start delimiter has to be exactly one character long but is {start.Length} long");
        }

        if (end.Length != 1)
        {
            throw CoreErrors.Builtin(Name, $"end delimiter has to be exactly one character long but is {end.Length} long");
        }

        var pattern = RegexTemplate.ToPattern(Name, template, start[0], end[0]);
        var re = RegexCache.Get(Name, pattern);
        return Guard(Name, () => BooleanValue.From(re.IsMatch(s)));
    }

    private static T Guard<T>(string name, Func<T> f)
    {
        try
        {
            return f();
        }
        catch (RegexMatchTimeoutException)
        {
            throw CoreErrors.Builtin(name, "regular expression evaluation timed out");
        }
    }
}
