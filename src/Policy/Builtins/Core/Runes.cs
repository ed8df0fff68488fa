using System.Text;

namespace AgentGate.Policy.Builtins.Core;

/// <summary>Code-point (Go rune) views of .NET strings, as OPA counts and indexes strings by rune.</summary>
internal static class Runes
{
    public static int Count(string s)
    {
        var n = s.Length;
        for (var i = 0; i < s.Length - 1; i++)
        {
            if (char.IsHighSurrogate(s[i]) && char.IsLowSurrogate(s[i + 1]))
            {
                n--;
                i++;
            }
        }

        return n;
    }

    public static bool IsAscii(string s) => Ascii.IsValid(s);

    /// <summary>The UTF-16 offset of rune index <paramref name="runeIndex"/> (clamped to the length).</summary>
    public static int Offset(string s, int runeIndex)
    {
        var pos = 0;
        for (var r = 0; r < runeIndex && pos < s.Length; r++)
        {
            pos += IsPair(s, pos) ? 2 : 1;
        }

        return pos;
    }

    /// <summary>The rune index of UTF-16 offset <paramref name="offset"/>.</summary>
    public static int IndexOf(string s, int offset)
    {
        var r = 0;
        for (var pos = 0; pos < offset;)
        {
            pos += IsPair(s, pos) ? 2 : 1;
            r++;
        }

        return r;
    }

    public static int[] ToArray(string s)
    {
        var list = new List<int>(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            list.Add(r.Value);
        }

        return [.. list];
    }

    public static string FromArray(ReadOnlySpan<int> runes)
    {
        var sb = new StringBuilder(runes.Length);
        foreach (var r in runes)
        {
            sb.Append(char.ConvertFromUtf32(r));
        }

        return sb.ToString();
    }

    private static bool IsPair(string s, int pos) =>
        pos + 1 < s.Length && char.IsHighSurrogate(s[pos]) && char.IsLowSurrogate(s[pos + 1]);
}
