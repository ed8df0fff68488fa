using System.Buffers;
using System.Text;

namespace AgentGate.Gateway.Guards.Leaks;

/// <summary>
/// Immutable, shareable index of what to look for. Needles are compared on bytes (as Latin-1 chars), so
/// UTF-8 bodies are scanned without decoding. Use <see cref="StartScan"/> per request body.
/// </summary>
internal sealed class LeakScanner
{
    private readonly List<(string Needle, RegisteredSecret Secret, string Encoding)> _secrets = [];

    public LeakScanner(IEnumerable<RegisteredSecret> secrets, LeakScannerOptions? options = null)
    {
        Options = options ?? new LeakScannerOptions();
        var all = new List<string>(CredentialPatterns.Prefixes);
        foreach (var s in secrets)
        {
            var bytes = Encoding.UTF8.GetBytes(s.Value);
            if (bytes.Length < 8 || bytes.Length > Options.CarryBytes / 4)
            {
                throw new ArgumentException($"secret '{s.Name}' must be 8..{Options.CarryBytes / 4} bytes long to be scanned");
            }

            Add(Encoding.Latin1.GetString(bytes), s, "plain");
            Add(Uri.EscapeDataString(s.Value), s, "url-encoded");
            for (var k = 0; k < 3; k++)
            {
                var b64 = Base64Core(bytes, k);
                Add(b64, s, "base64");
                Add(b64.Replace('+', '-').Replace('/', '_'), s, "base64url");
            }
        }

        all.AddRange(_secrets.Select(x => x.Needle));
        Needles = SearchValues.Create([.. all.Distinct()], StringComparison.Ordinal);
    }

    public LeakScannerOptions Options { get; }

    internal SearchValues<string> Needles { get; }

    public LeakScanSession StartScan(string? destinationHost) => new(this, destinationHost);

    /// <summary>Checks a candidate at <paramref name="i"/>; <paramref name="destinationHost"/> decides whether a registered secret may go there.</summary>
    internal LeakFinding? Check(ReadOnlySpan<char> text, int i, string? destinationHost)
    {
        foreach (var (needle, secret, enc) in _secrets)
        {
            if (text[i..].StartsWith(needle, StringComparison.Ordinal)
                && (destinationHost is null || !secret.Upstreams.Contains(destinationHost, StringComparer.OrdinalIgnoreCase)))
            {
                return new LeakFinding("registered-secret", secret.Name, enc);
            }
        }

        return CredentialPatterns.Check(text, i, destinationHost);
    }

    private void Add(string needle, RegisteredSecret s, string enc)
    {
        if (needle.Length >= 8 && !_secrets.Exists(x => x.Needle == needle))
        {
            _secrets.Add((needle, s, enc));
        }
    }

    /// <summary>The base64 characters that depend only on the secret when it starts at byte offset k (mod 3) of the encoded data.</summary>
    private static string Base64Core(byte[] secret, int k)
    {
        var padded = new byte[k + secret.Length];
        secret.CopyTo(padded, k);
        var full = Convert.ToBase64String(padded);
        var first = ((8 * k) + 5) / 6;
        var end = 8 * (k + secret.Length) / 6;
        return full[first..end];
    }
}
