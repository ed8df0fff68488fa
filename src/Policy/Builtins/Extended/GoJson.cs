using System.Globalization;
using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>Compact JSON exactly as Go's json.Marshal writes it (keys in byte order, HTML characters escaped, raw UTF-8).</summary>
internal static class GoJson
{
    public static string Serialize(Value value)
    {
        var b = new StringBuilder();
        Write(b, value);
        return b.ToString();
    }

    private static void Write(StringBuilder b, Value value)
    {
        switch (value)
        {
            case StringValue s:
                WriteString(b, s.Value);
                break;
            case ArrayValue a:
                WriteList(b, a.Items);
                break;
            case SetValue set:
                WriteList(b, set.Items);
                break;
            case ObjectValue o:
                b.Append('{');
                var first = true;
                foreach (var (key, item) in o.Pairs
                    .Select(p => (Key: p.Key is StringValue k ? k.Value : ValueJson.Serialize(p.Key), p.Value))
                    .OrderBy(p => Encoding.UTF8.GetBytes(p.Key), ByteOrder.Instance))
                {
                    b.Append(first ? string.Empty : ",");
                    first = false;
                    WriteString(b, key);
                    b.Append(':');
                    Write(b, item);
                }

                b.Append('}');
                break;
            default:
                b.Append(ValueJson.Serialize(value));
                break;
        }
    }

    private static void WriteList(StringBuilder b, IReadOnlyList<Value> items)
    {
        b.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            b.Append(i > 0 ? "," : string.Empty);
            Write(b, items[i]);
        }

        b.Append(']');
    }

    private static void WriteString(StringBuilder b, string s)
    {
        b.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: b.Append(c); break;
            }
        }

        b.Append('"');
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
