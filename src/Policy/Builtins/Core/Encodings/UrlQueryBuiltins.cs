using System.Globalization;
using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Encodings;

/// <summary><c>urlquery.*</c> with Go's net/url query escaping.</summary>
[BuiltinGroup]
internal static class UrlQueryBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("urlquery.encode", 1, static (_, a) => StringValue.From(Escape(BuiltinArgs.String("urlquery.encode", a, 0))));
        t.Add("urlquery.decode", 1, static (_, a) =>
            StringValue.From(Unescape(BuiltinArgs.String("urlquery.decode", a, 0)) ?? throw CoreErrors.Builtin("urlquery.decode", "invalid URL escape")));
        t.Add("urlquery.encode_object", 1, EncodeObject);
        t.Add("urlquery.decode_object", 1, DecodeObject);
    }

    /// <summary>Go's url.QueryEscape.</summary>
    internal static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(s))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else if (b == ' ')
            {
                sb.Append('+');
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    /// <summary>Go's url.QueryUnescape; null on a malformed escape.</summary>
    internal static string? Unescape(string s)
    {
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !byte.TryParse(s.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
                {
                    return null;
                }

                bytes.Add(b);
                i += 2;
            }
            else if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else
            {
                bytes.AddRange(System.Text.Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return System.Text.Encoding.UTF8.GetString([.. bytes]);
    }

    private static Value EncodeObject(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "urlquery.encode_object";
        var obj = BuiltinArgs.Object(Name, a, 0);
        var parts = new List<(string Key, string Value)>();
        foreach (var p in obj.Pairs)
        {
            var key = p.Key is StringValue ks ? ks.Value : Json.GoJson.Marshal(p.Key);
            switch (p.Value)
            {
                case StringValue s:
                    parts.Add((key, s.Value));
                    break;
                case ArrayValue or SetValue:
                    foreach (var v in CoreArgs.Elements(p.Value)!)
                    {
                        parts.Add((key, v is StringValue vs ? vs.Value : throw BadValues()));
                    }

                    break;
                default:
                    throw BadValues();
            }
        }

        var sb = new StringBuilder();
        foreach (var group in parts.GroupBy(x => x.Key).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            foreach (var (key, value) in group)
            {
                if (sb.Length > 0)
                {
                    sb.Append('&');
                }

                sb.Append(Escape(key)).Append('=').Append(Escape(value));
            }
        }

        return StringValue.From(sb.ToString());

        static BuiltinException BadValues() =>
            CoreErrors.Operand(Name, 1, "values must be string, array[string], or set[string]");
    }

    private static Value DecodeObject(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "urlquery.decode_object";
        var query = BuiltinArgs.String(Name, a, 0);
        var values = new Dictionary<string, List<Value>>(StringComparer.Ordinal);
        foreach (var part in query.Split('&'))
        {
            if (part.Length == 0)
            {
                continue;
            }

            if (part.Contains(';', StringComparison.Ordinal))
            {
                throw CoreErrors.Builtin(Name, "invalid semicolon separator in query");
            }

            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = Unescape(eq < 0 ? part : part[..eq]) ?? throw CoreErrors.Builtin(Name, "invalid URL escape");
            var value = eq < 0 ? string.Empty : Unescape(part[(eq + 1)..]) ?? throw CoreErrors.Builtin(Name, "invalid URL escape");
            if (!values.TryGetValue(key, out var list))
            {
                values[key] = list = [];
            }

            list.Add(StringValue.From(value));
        }

        var map = new Dictionary<Value, Value>(values.Count);
        foreach (var p in values)
        {
            map[StringValue.From(p.Key)] = ArrayValue.Wrap([.. p.Value]);
        }

        return ObjectValue.Wrap(map);
    }
}
