using AgentGate.Policy.Builtins.Extended.Jwt;

namespace AgentGate.Policy.Builtins.Extended.X509;

/// <summary>Splits PEM text into its blocks and handles OPA's "PEM, base64 of PEM or base64 DER" inputs.</summary>
internal static class PemBlocks
{
    public static List<Pem> All(string text)
    {
        var blocks = new List<Pem>();
        var rest = text;
        while (Pem.TryDecode(rest, out var after) is { } block)
        {
            blocks.Add(block);
            rest = after;
        }

        return blocks;
    }

    /// <summary>DER blobs of the given PEM type from PEM text, base64 of PEM, or base64 DER.</summary>
    public static List<byte[]> Der(string builtin, string input, string type)
    {
        if (!input.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            var decoded = GoStdBase64.Decode(builtin, input);
            var text = System.Text.Encoding.UTF8.GetString(decoded);
            if (!text.StartsWith("-----BEGIN", StringComparison.Ordinal))
            {
                return [decoded];
            }

            input = text;
        }

        return All(input).Where(b => b.Type == type).Select(b => b.Bytes).ToList();
    }
}
