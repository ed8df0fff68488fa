namespace AgentGate.Policy.Builtins.Extended.Jwt;

/// <summary>base64url decoding with the padding fix-up and error texts of OPA (Go's encoding/base64).</summary>
internal static class GoBase64
{
    public static byte[]? TryDecodeUrl(string text, out string error)
    {
        error = string.Empty;
        if (!text.EndsWith('='))
        {
            switch (text.Length % 4)
            {
                case 2:
                    text += "==";
                    break;
                case 3:
                    text += "=";
                    break;
                case 1:
                    error = $"illegal base64url string: {text}";
                    return null;
            }
        }

        var output = new List<byte>(text.Length * 3 / 4);
        var buffer = 0;
        var bits = 0;
        var padding = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '\r' or '\n')
            {
                continue;
            }

            if (c == '=')
            {
                padding++;
                continue;
            }

            var v = Value(c);
            if (v < 0 || padding > 0)
            {
                error = $"illegal base64 data at input byte {i}";
                return null;
            }

            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        var dataChars = text.Length - padding;
        if (text.Length % 4 != 0 || padding > 2 || (padding > 0 && (dataChars % 4) + padding != 4))
        {
            error = $"illegal base64 data at input byte {Math.Max(0, text.Length - padding)}";
            return null;
        }

        return [.. output];
    }

    public static string EncodeUrl(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
