using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Strings;

internal static partial class StringBuiltins
{
    private static void RegisterTrim(BuiltinTable t)
    {
        t.Add("trim", 2, static (_, a) => Trim("trim", a, left: true, right: true));
        t.Add("trim_left", 2, static (_, a) => Trim("trim_left", a, left: true, right: false));
        t.Add("trim_right", 2, static (_, a) => Trim("trim_right", a, left: false, right: true));
        t.Add("trim_prefix", 2, TrimPrefix);
        t.Add("trim_suffix", 2, TrimSuffix);
        t.Add("trim_space", 1, static (_, a) => Same(a[0], TrimSpace(BuiltinArgs.String("trim_space", a, 0))));
    }

    private static Value Trim(string name, ReadOnlySpan<Value> a, bool left, bool right)
    {
        var s = BuiltinArgs.String(name, a, 0);
        var cutset = BuiltinArgs.String(name, a, 1);
        if (s.Length == 0 || cutset.Length == 0)
        {
            return a[0];
        }

        var cut = new HashSet<Rune>(cutset.EnumerateRunes());
        var start = 0;
        var end = s.Length;
        if (left)
        {
            while (start < end && Rune.DecodeFromUtf16(s.AsSpan(start, end - start), out var r, out var n) == System.Buffers.OperationStatus.Done && cut.Contains(r))
            {
                start += n;
            }
        }

        if (right)
        {
            while (end > start && Rune.DecodeLastFromUtf16(s.AsSpan(start, end - start), out var r, out var n) == System.Buffers.OperationStatus.Done && cut.Contains(r))
            {
                end -= n;
            }
        }

        return start == 0 && end == s.Length ? a[0] : StringValue.From(s[start..end]);
    }

    private static Value TrimPrefix(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("trim_prefix", a, 0);
        var p = BuiltinArgs.String("trim_prefix", a, 1);
        return p.Length > 0 && s.StartsWith(p, StringComparison.Ordinal) ? StringValue.From(s[p.Length..]) : a[0];
    }

    private static Value TrimSuffix(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("trim_suffix", a, 0);
        var p = BuiltinArgs.String("trim_suffix", a, 1);
        return p.Length > 0 && s.EndsWith(p, StringComparison.Ordinal) ? StringValue.From(s[..^p.Length]) : a[0];
    }

    /// <summary>Go's strings.TrimSpace (unicode.IsSpace).</summary>
    internal static string TrimSpace(string s) => s.Trim();
}
