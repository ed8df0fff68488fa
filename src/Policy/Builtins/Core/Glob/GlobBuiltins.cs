using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Glob;

/// <summary><c>glob.match</c>, <c>glob.quote_meta</c>.</summary>
[BuiltinGroup]
internal static class GlobBuiltins
{
    private const int MaxCached = 256;
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    internal static void Register(BuiltinTable t)
    {
        t.Add("glob.match", 3, Match);
        t.Add("glob.quote_meta", 1, static (_, a) => StringValue.From(QuoteMeta(BuiltinArgs.String("glob.quote_meta", a, 0))));
    }

    private static Value Match(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "glob.match";
        var pattern = BuiltinArgs.String(Name, a, 0);
        List<int> delimiters;
        switch (a[1])
        {
            case NullValue:
                delimiters = [];
                break;
            case ArrayValue arr:
                delimiters = new List<int>(arr.Count);
                foreach (var d in arr.Span)
                {
                    if (d is not StringValue s)
                    {
                        throw CoreErrors.Element(Name, 2, arr, d, "string");
                    }

                    var runes = Runes.ToArray(s.Value);
                    if (runes.Length != 1)
                    {
                        throw CoreErrors.Element(Name, 2, arr, d, "rune");
                    }

                    delimiters.Add(runes[0]);
                }

                if (delimiters.Count == 0)
                {
                    delimiters.Add('.');
                }

                break;
            default:
                throw CoreErrors.Type(Name, 2, a[1], "array", "null");
        }

        var match = BuiltinArgs.String(Name, a, 2);
        var key = new StringBuilder(pattern).Append('\0');
        foreach (var d in delimiters)
        {
            key.Append(char.ConvertFromUtf32(d));
        }

        var cacheKey = key.ToString();
        if (!Cache.TryGetValue(cacheKey, out var re))
        {
            try
            {
                re = GlobCompiler.Compile(pattern, delimiters);
            }
            catch (FormatException ex)
            {
                throw CoreErrors.Builtin(Name, ex.Message);
            }

            if (Cache.Count >= MaxCached)
            {
                Cache.Clear();
            }

            Cache[cacheKey] = re;
        }

        try
        {
            return BooleanValue.From(re.IsMatch(match));
        }
        catch (RegexMatchTimeoutException)
        {
            throw CoreErrors.Builtin(Name, "glob evaluation timed out");
        }
    }

    /// <summary>gobwas/glob QuoteMeta: escapes <c>* ? \ [ ] { }</c>.</summary>
    internal static string QuoteMeta(string s)
    {
        var sb = new StringBuilder(s.Length * 2);
        foreach (var c in s)
        {
            if (c is '*' or '?' or '\\' or '[' or ']' or '{' or '}')
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
