namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>One PEM block, decoded like Go's pem.Decode (first block, remaining text returned).</summary>
internal sealed class Pem
{
    private Pem(string type, byte[] bytes)
    {
        Type = type;
        Bytes = bytes;
    }

    public string Type { get; }

    public byte[] Bytes { get; }

    public static Pem? TryDecode(string text, out string rest)
    {
        rest = text;
        var start = text.IndexOf("-----BEGIN ", StringComparison.Ordinal);
        while (start >= 0)
        {
            var typeEnd = text.IndexOf("-----", start + 11, StringComparison.Ordinal);
            var lineEnd = text.IndexOf('\n', start);
            if (typeEnd < 0 || (lineEnd >= 0 && lineEnd < typeEnd))
            {
                return null;
            }

            var type = text[(start + 11)..typeEnd];
            var endMarker = "-----END " + type + "-----";
            var end = text.IndexOf(endMarker, typeEnd, StringComparison.Ordinal);
            if (end < 0)
            {
                return null;
            }

            var body = text[(typeEnd + 5)..end];
            try
            {
                var bytes = Convert.FromBase64String(new string(body.Where(c => !char.IsWhiteSpace(c)).ToArray()));
                var after = end + endMarker.Length;
                if (after < text.Length && text[after] == '\r')
                {
                    after++;
                }

                if (after < text.Length && text[after] == '\n')
                {
                    after++;
                }

                rest = text[after..];
                return new Pem(type, bytes);
            }
            catch (FormatException)
            {
                start = text.IndexOf("-----BEGIN ", end, StringComparison.Ordinal);
            }
        }

        return null;
    }
}
