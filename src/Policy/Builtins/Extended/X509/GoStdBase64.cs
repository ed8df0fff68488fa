namespace AgentGate.Policy.Builtins.Extended.X509;

/// <summary>Go's base64.StdEncoding.DecodeString (padded; error text "illegal base64 data at input byte N").</summary>
internal static class GoStdBase64
{
    public static byte[] Decode(string builtin, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var ok = char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '\r' or '\n' || (c == '=' && i >= text.Length - 2);
            if (!ok)
            {
                throw BuiltinException.Error(builtin, $"illegal base64 data at input byte {i}");
            }
        }

        var stripped = text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        if (stripped.Length % 4 != 0)
        {
            throw BuiltinException.Error(builtin, $"illegal base64 data at input byte {stripped.Length / 4 * 4}");
        }

        try
        {
            return Convert.FromBase64String(stripped);
        }
        catch (FormatException)
        {
            throw BuiltinException.Error(builtin, "illegal base64 data at input byte 0");
        }
    }
}
