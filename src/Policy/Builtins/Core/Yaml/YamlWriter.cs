using System.Text;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Yaml;

/// <summary>Values to YAML in go-yaml v2's block style: sorted keys, "- " sequences at the key's indentation.</summary>
internal static class YamlWriter
{
    public static string Write(Value v)
    {
        var sb = new StringBuilder();
        WriteNode(sb, v, 0, inSequence: false);
        if (sb.Length == 0 || sb[^1] != '\n')
        {
            sb.Append('\n');
        }

        return sb.ToString();
    }

    private static void WriteNode(StringBuilder sb, Value v, int indent, bool inSequence)
    {
        switch (v)
        {
            case ObjectValue o when o.Count > 0:
                var first = true;
                foreach (var p in o.Pairs)
                {
                    if (!first || !inSequence)
                    {
                        sb.Append(' ', indent);
                    }

                    first = false;
                    sb.Append(ScalarText(p.Key is StringValue ks ? ks.Value : p.Key.ToString(), isKey: true)).Append(':');
                    WriteChild(sb, p.Value, indent, childIndent: indent + 2, sequenceIndent: indent);
                }

                break;
            case ArrayValue or SetValue when CoreArgs.Elements(v)!.Count > 0:
                var items = CoreArgs.Elements(v)!;
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0 || !inSequence)
                    {
                        sb.Append(' ', indent);
                    }

                    sb.Append("- ");
                    if (items[i] is ObjectValue { Count: > 0 } or ArrayValue { Count: > 0 } or SetValue { Count: > 0 })
                    {
                        WriteNode(sb, items[i], indent + 2, inSequence: true);
                    }
                    else
                    {
                        sb.Append(Inline(items[i])).Append('\n');
                    }
                }

                break;
            default:
                sb.Append(Inline(v)).Append('\n');
                break;
        }
    }

    private static void WriteChild(StringBuilder sb, Value v, int indent, int childIndent, int sequenceIndent)
    {
        switch (v)
        {
            case ObjectValue { Count: > 0 }:
                sb.Append('\n');
                WriteNode(sb, v, childIndent, inSequence: false);
                break;
            case ArrayValue { Count: > 0 } or SetValue { Count: > 0 }:
                sb.Append('\n');
                WriteNode(sb, v, sequenceIndent, inSequence: false);
                break;
            default:
                sb.Append(' ').Append(Inline(v)).Append('\n');
                break;
        }
    }

    private static string Inline(Value v) => v switch
    {
        NullValue => "null",
        BooleanValue b => b.Value ? "true" : "false",
        NumberValue n => n.ToString(),
        StringValue s => ScalarText(s.Value, isKey: false),
        ObjectValue => "{}",
        _ => "[]",
    };

    /// <summary>
    /// go-yaml's choice: plain when it reads back as the same string and the emitter allows it, single quotes when
    /// only the emitter objects, double quotes when plain would change the type (or the text has line breaks).
    /// </summary>
    private static string ScalarText(string s, bool isKey)
    {
        _ = isKey;
        if (s.Length == 0 || s.Contains('\n', StringComparison.Ordinal) || !ReadsBackAsString(s) || s.Any(char.IsControl))
        {
            return Json.GoJson.Marshal(StringValue.From(s)).Replace("\\u003c", "<", StringComparison.Ordinal)
                .Replace("\\u003e", ">", StringComparison.Ordinal).Replace("\\u0026", "&", StringComparison.Ordinal);
        }

        return PlainAllowed(s) ? s : "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    private static bool ReadsBackAsString(string s) => YamlReader.ResolvePlain(s) is StringValue;

    private static bool PlainAllowed(string s) =>
        s.Trim() == s && s[0] is not ('-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`')
        && !s.Contains(": ", StringComparison.Ordinal) && !s.Contains(" #", StringComparison.Ordinal) && !s.EndsWith(':');
}
