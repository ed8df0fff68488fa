using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace AgentGate.Policy.Values;

/// <summary>Conversion between <see cref="Value"/> and JSON text, keeping numbers exact.</summary>
public static class ValueJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 512 };

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    /// <summary>Parses JSON text; throws <see cref="FormatException"/> on malformed input.</summary>
    public static Value Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, DocumentOptions);
            return FromJsonElement(doc.RootElement);
        }
        catch (JsonException ex)
        {
            throw new FormatException(ex.Message, ex);
        }
    }

    public static Value FromJsonElement(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return NullValue.Instance;
            case JsonValueKind.True:
                return BooleanValue.True;
            case JsonValueKind.False:
                return BooleanValue.False;
            case JsonValueKind.String:
                return StringValue.From(element.GetString()!);
            case JsonValueKind.Number:
                return NumberValue.TryParse(element.GetRawText(), out var n)
                    ? n
                    : throw new FormatException("invalid number " + element.GetRawText());
            case JsonValueKind.Array:
            {
                var items = new Value[element.GetArrayLength()];
                var i = 0;
                foreach (var e in element.EnumerateArray())
                {
                    items[i++] = FromJsonElement(e);
                }

                return ArrayValue.Wrap(items);
            }

            case JsonValueKind.Object:
            {
                var map = new Dictionary<Value, Value>();
                foreach (var p in element.EnumerateObject())
                {
                    map[StringValue.From(p.Name)] = FromJsonElement(p.Value);
                }

                return ObjectValue.Wrap(map);
            }

            default:
                throw new FormatException("unsupported JSON value kind " + element.ValueKind);
        }
    }

    /// <summary>OPA's JSON text: sets become sorted arrays, non-string keys their JSON text.</summary>
    public static string Serialize(Value v)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, v);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static void Write(Utf8JsonWriter writer, Value v)
    {
        switch (v)
        {
            case NullValue:
                writer.WriteNullValue();
                break;
            case BooleanValue b:
                writer.WriteBooleanValue(b.Value);
                break;
            case NumberValue n:
                var text = n.ToString();
                if (text.Contains("Infinity", StringComparison.Ordinal) || text.Contains("NaN", StringComparison.Ordinal))
                {
                    writer.WriteStringValue(text);
                }
                else
                {
                    writer.WriteRawValue(text, skipInputValidation: true);
                }

                break;
            case StringValue s:
                writer.WriteStringValue(s.Value);
                break;
            case ArrayValue a:
                writer.WriteStartArray();
                foreach (var item in a.Span)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case SetValue set:
                writer.WriteStartArray();
                foreach (var item in set.Sorted)
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case ObjectValue o:
                writer.WriteStartObject();
                foreach (var p in o.SortedPairs)
                {
                    writer.WritePropertyName(p.Key is StringValue ks ? ks.Value : Serialize(p.Key));
                    Write(writer, p.Value);
                }

                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>Quotes a string as a JSON/Rego string literal.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }
}
