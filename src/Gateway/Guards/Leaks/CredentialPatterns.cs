using System.Text;
using System.Text.Json;

namespace AgentGate.Gateway.Guards.Leaks;

/// <summary>
/// Well-known credential shapes, found by literal prefix (one multi-string search) and then checked with a
/// bounded, linear character-class scan: no regular expressions, no backtracking.
/// </summary>
internal static class CredentialPatterns
{
    public static readonly string[] Prefixes =
    [
        "AKIA", "ASIA", "ghp_", "gho_", "ghs_", "ghu_", "ghr_", "github_pat_", "glpat-", "-----BEGIN ", "sk-ant-",
        "sk-proj-", "sk-", "xoxb-", "xoxp-", "xoxa-", "xoxs-", "xoxe-", "xapp-", "eyJ",
    ];

    public static LeakFinding? Check(ReadOnlySpan<char> text, int i, string? destinationHost)
    {
        if (i > 0 && (char.IsAsciiLetterOrDigit(text[i - 1]) || text[i - 1] == '_'))
        {
            return null;
        }

        var t = text[i..];
        if ((t.StartsWith("AKIA") || t.StartsWith("ASIA")) && Run(t[4..], Upper) == 16)
        {
            return new("aws-access-key-id", null, "plain");
        }

        if (t.Length > 4 && t.StartsWith("gh") && t[3] == '_' && "posur".Contains(t[2], StringComparison.Ordinal) && Run(t[4..], Alnum) >= 36)
        {
            return new("github-token", null, "plain");
        }

        if (t.StartsWith("github_pat_") && Run(t[11..], Word) >= 22)
        {
            return new("github-token", null, "plain");
        }

        if (t.StartsWith("glpat-") && Run(t[6..], Token) >= 20)
        {
            return new("gitlab-token", null, "plain");
        }

        if (t.StartsWith("-----BEGIN ") && PrivateKeyHeader(t[11..]))
        {
            return new("private-key", null, "pem");
        }

        if (t.StartsWith("sk-ant-") && Run(t[7..], Token) >= 20)
        {
            return new("anthropic-api-key", null, "plain");
        }

        if (t.StartsWith("sk-") && !t.StartsWith("sk-ant-") && Run(t[3..], Token) >= 20 && Run(t[3..], Token) > 0)
        {
            return new("openai-api-key", null, "plain");
        }

        if ((t.StartsWith("xox") || t.StartsWith("xapp-")) && Run(t[5..], Token) >= 10)
        {
            return new("slack-token", null, "plain");
        }

        return t.StartsWith("eyJ") ? Jwt(t, destinationHost) : null;
    }

    private static bool Upper(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);

    private static bool Alnum(char c) => char.IsAsciiLetterOrDigit(c);

    private static bool Word(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool Token(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';

    private static int Run(ReadOnlySpan<char> s, Func<char, bool> ok)
    {
        var n = 0;
        while (n < s.Length && n < 4096 && ok(s[n]))
        {
            n++;
        }

        return n;
    }

    private static bool PrivateKeyHeader(ReadOnlySpan<char> s)
    {
        var n = Run(s, c => char.IsAsciiLetterUpper(c) || c == ' ');
        return n <= 40 && s[..n].EndsWith("PRIVATE KEY") && s[n..].StartsWith("-----");
    }

    private static LeakFinding? Jwt(ReadOnlySpan<char> t, string? destinationHost)
    {
        var h = Run(t, Token);
        if (h >= t.Length || t[h] != '.')
        {
            return null;
        }

        var payloadStart = h + 1;
        var p = Run(t[payloadStart..], Token);
        if (p < 2 || payloadStart + p >= t.Length || t[payloadStart + p] != '.' || Run(t[(payloadStart + p + 1)..], Token) < 16)
        {
            return null;
        }

        string? aud = null;
        try
        {
            var b64 = t.Slice(payloadStart, p).ToString().Replace('-', '+').Replace('_', '/');
            var json = Convert.FromBase64String(b64.PadRight(b64.Length + ((4 - (b64.Length % 4)) % 4), '='));
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.TryGetProperty("aud", out var a))
            {
                aud = a.ValueKind == JsonValueKind.String ? a.GetString() : a.ToString();
            }
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }

        if (aud is not null && destinationHost is not null && AudienceMatches(aud, destinationHost))
        {
            return null;
        }

        return new("jwt-wrong-audience", null, "plain");
    }

    private static bool AudienceMatches(string aud, string host) =>
        aud.Equals(host, StringComparison.OrdinalIgnoreCase)
        || (Uri.TryCreate(aud, UriKind.Absolute, out var u) && u.Host.Equals(host, StringComparison.OrdinalIgnoreCase))
        || (aud.StartsWith('[') && aud.Contains($"\"{host}\"", StringComparison.OrdinalIgnoreCase));
}
