using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Encodings;

/// <summary><c>base64.* base64url.* hex.*</c> over the UTF-8 bytes of strings.</summary>
[BuiltinGroup]
internal static class Base64Builtins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("base64.encode", 1, static (_, a) => StringValue.From(Convert.ToBase64String(Bytes("base64.encode", a))));
        t.Add("base64.decode", 1, static (_, a) => Decoded("base64.decode", StdDecode(BuiltinArgs.String("base64.decode", a, 0))));
        t.Add("base64.is_valid", 1, static (_, a) => BooleanValue.From(a[0] is StringValue s && StdDecode(s.Value) is not null));
        t.Add("base64url.encode", 1, static (_, a) => StringValue.From(UrlEncode(Bytes("base64url.encode", a), pad: true)));
        t.Add("base64url.encode_no_pad", 1, static (_, a) => StringValue.From(UrlEncode(Bytes("base64url.encode_no_pad", a), pad: false)));
        t.Add("base64url.decode", 1, UrlDecode);
        t.Add("hex.encode", 1, static (_, a) => StringValue.From(Convert.ToHexStringLower(Bytes("hex.encode", a))));
        t.Add("hex.decode", 1, HexDecode);
    }

    private static byte[] Bytes(string name, ReadOnlySpan<Value> a) => System.Text.Encoding.UTF8.GetBytes(BuiltinArgs.String(name, a, 0));

    /// <summary>Decoded bytes as a string (invalid UTF-8 becomes U+FFFD, as Go's rune view of the bytes).</summary>
    private static StringValue Decoded(string name, byte[]? bytes) =>
        bytes is null ? throw CoreErrors.Builtin(name, "illegal base64 data at input byte 0") : StringValue.From(System.Text.Encoding.UTF8.GetString(bytes));

    /// <summary>Strict standard base64 with padding, like Go's StdEncoding (newlines are ignored as Go does).</summary>
    private static byte[]? StdDecode(string s)
    {
        s = s.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal);
        if (s.Length % 4 != 0 || s.Any(ch => !(char.IsAsciiLetterOrDigit(ch) || ch is '+' or '/' or '=')))
        {
            return null;
        }

        var pad = s.IndexOf('=', StringComparison.Ordinal);
        if (pad >= 0 && (pad < s.Length - 2 || s[pad..].Any(ch => ch != '=')))
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string UrlEncode(byte[] bytes, bool pad)
    {
        var s = Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
        return pad ? s : s.TrimEnd('=');
    }

    private static Value UrlDecode(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "base64url.decode";
        var s = BuiltinArgs.String(Name, a, 0);
        if (!s.EndsWith('='))
        {
            switch (s.Length % 4)
            {
                case 0:
                    break;
                case 2:
                    s += "==";
                    break;
                case 3:
                    s += "=";
                    break;
                default:
                    throw CoreErrors.Builtin(Name, $"illegal base64url string: {s}");
            }
        }

        if (s.Contains('+', StringComparison.Ordinal) || s.Contains('/', StringComparison.Ordinal))
        {
            throw CoreErrors.Builtin(Name, "illegal base64 data at input byte 0");
        }

        return Decoded(Name, StdDecode(s.Replace('-', '+').Replace('_', '/')));
    }

    private static Value HexDecode(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var s = BuiltinArgs.String("hex.decode", a, 0);
        try
        {
            return StringValue.From(System.Text.Encoding.UTF8.GetString(Convert.FromHexString(s)));
        }
        catch (FormatException)
        {
            throw CoreErrors.Builtin("hex.decode", s.Length % 2 == 1 ? "encoding/hex: odd length hex string" : "encoding/hex: invalid byte");
        }
    }
}
