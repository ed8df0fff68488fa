using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

/// <summary>A bounded cache of compiled RE2 patterns (cleared when full), shared across queries.</summary>
internal static class RegexCache
{
    private const int MaxEntries = 256;

    /// <summary>Per-match time limit: RE2 is linear time, .NET backtracking is not, so runaway patterns are cut off.</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private static readonly ConcurrentDictionary<string, CompiledRegex> Cache = new(StringComparer.Ordinal);

    /// <summary>Compiles (or fetches) an RE2 pattern; throws a builtin error with Go's message when invalid.</summary>
    public static CompiledRegex Get(string builtin, string pattern)
    {
        if (Cache.TryGetValue(pattern, out var hit))
        {
            return hit;
        }

        CompiledRegex compiled;
        try
        {
            compiled = Compile(pattern);
        }
        catch (FormatException ex)
        {
            throw CoreErrors.Builtin(builtin, ex.Message);
        }

        if (Cache.Count >= MaxEntries)
        {
            Cache.Clear();
        }

        Cache[pattern] = compiled;
        return compiled;
    }

    /// <summary>Compiles without caching; throws <see cref="FormatException"/> when RE2 would reject the pattern.</summary>
    public static CompiledRegex Compile(string pattern)
    {
        var (translated, names) = Re2Translator.Translate(pattern);
        try
        {
            var re = new Regex(translated, RegexOptions.CultureInvariant, MatchTimeout);
            return new CompiledRegex(re, names);
        }
        catch (ArgumentException ex)
        {
            throw new FormatException($"error parsing regexp: {ex.Message}", ex);
        }
    }
}
