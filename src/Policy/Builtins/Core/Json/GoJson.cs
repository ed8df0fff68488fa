using System.Globalization;
using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Json;

/// <summary>
/// Go's encoding/json output for OPA values: sorted keys, sets as sorted arrays, non-string keys as their JSON text,
/// HTML-safe escaping (&lt; &gt; &amp; U+2028 U+2029), optional MarshalIndent layout.
/// </summary>
internal static class GoJson
{
    public static string Marshal(Value v, string? prefix = null, string? indent = null)
    {
        var sb = new StringBuilder();
        Write(sb, v, prefix, indent, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Value v, string? prefix, string? indent, int depth)
    {
        switch (v)
        {
            case NullValue:
                sb.Append("null");
                break;
            case BooleanValue b:
                sb.Append(b.Value ? "true" : "false");
                break;
            case NumberValue n:
                sb.Append(n.ToString());
                break;
            case StringValue s:
                Quote(sb, s.Value);
                break;
            case ArrayValue a:
                WriteList(sb, a.Items, prefix, indent, depth);
                break;
            case SetValue set:
                WriteList(sb, set.Items, prefix, indent, depth);
                break;
            case ObjectValue o:
                var pairs = new List<(string Key, Value Value)>(o.Count);
                foreach (var p in o.Pairs)
                {
                    pairs.Add((p.Key is StringValue ks ? ks.Value : Marshal(p.Key), p.Value));
                }

                pairs.Sort(static (x, y) => StringValue.CompareCodePoints(x.Key, y.Key));
                if (pairs.Count == 0)
                {
                    sb.Append("{}");
                    break;
                }

                sb.Append('{');
                for (var i = 0; i < pairs.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(',');
                    }

                    NewLine(sb, prefix, indent, depth + 1);
                    Quote(sb, pairs[i].Key);
                    sb.Append(indent is null ? ":" : ": ");
                    Write(sb, pairs[i].Value, prefix, indent, depth + 1);
                }

                NewLine(sb, prefix, indent, depth);
                sb.Append('}');
                break;
        }
    }

    private static void WriteList(StringBuilder sb, IReadOnlyList<Value> items, string? prefix, string? indent, int depth)
    {
        if (items.Count == 0)
        {
            sb.Append("[]");
            return;
        }

        sb.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            NewLine(sb, prefix, indent, depth + 1);
            Write(sb, items[i], prefix, indent, depth + 1);
        }

        NewLine(sb, prefix, indent, depth);
        sb.Append(']');
    }

    private static void NewLine(StringBuilder sb, string? prefix, string? indent, int depth)
    {
        if (indent is null)
        {
            return;
        }

        sb.Append('\n').Append(prefix);
        for (var i = 0; i < depth; i++)
        {
            sb.Append(indent);
        }
    }

    public static void Quote(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
