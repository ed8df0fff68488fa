using System.Globalization;
using System.Numerics;
using AgentGate.Policy.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AgentGate.Policy.Builtins.Core.Yaml;

/// <summary>
/// YAML to values as sigs.k8s.io/yaml (go-yaml v2, YAML 1.1 resolution) does: plain scalars resolve to null, booleans
/// (true/yes/on …), integers, floats or strings; mapping keys become strings; only the first document counts.
/// </summary>
internal static class YamlReader
{
    private const int MaxDepth = 1000;

    /// <summary>Parses YAML; throws <see cref="FormatException"/> when malformed.</summary>
    public static Value Parse(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        return stream.Documents.Count == 0 ? NullValue.Instance : Convert(stream.Documents[0].RootNode, 0);
    }

    private static Value Convert(YamlNode node, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new FormatException("yaml: exceeded max depth");
        }

        switch (node)
        {
            case YamlScalarNode s:
                return Scalar(s);
            case YamlSequenceNode seq:
                var items = new Value[seq.Children.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Convert(seq.Children[i], depth + 1);
                }

                return ArrayValue.Wrap(items);
            case YamlMappingNode map:
                var dict = new Dictionary<Value, Value>();
                foreach (var p in map.Children)
                {
                    dict[StringValue.From(KeyText(p.Key))] = Convert(p.Value, depth + 1);
                }

                return ObjectValue.Wrap(dict);
            default:
                throw new FormatException("yaml: unsupported node");
        }
    }

    private static string KeyText(YamlNode key) => key switch
    {
        YamlScalarNode s => Scalar(s) switch
        {
            StringValue sv => sv.Value,
            NullValue => "null",
            var v => v.ToString(),
        },
        _ => throw new FormatException("yaml: invalid map key: complex keys are not supported"),
    };

    private static Value Scalar(YamlScalarNode s)
    {
        var text = s.Value ?? string.Empty;
        if (s.Style is not (ScalarStyle.Plain or ScalarStyle.Any) || (!s.Tag.IsEmpty && !s.Tag.IsNonSpecific && s.Tag.Value == "tag:yaml.org,2002:str"))
        {
            return StringValue.From(text);
        }

        return ResolvePlain(text);
    }

    /// <summary>YAML 1.1 resolution of a plain scalar's text (null, booleans, numbers, else string).</summary>
    internal static Value ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return NullValue.Instance;
            case "true" or "True" or "TRUE" or "yes" or "Yes" or "YES" or "on" or "On" or "ON" or "y" or "Y":
                return BooleanValue.True;
            case "false" or "False" or "FALSE" or "no" or "No" or "NO" or "off" or "Off" or "OFF" or "n" or "N":
                return BooleanValue.False;
        }

        return (Value?)Number(text) ?? StringValue.From(text);
    }

    private static NumberValue? Number(string text)
    {
        var t = text.Replace("_", string.Empty, StringComparison.Ordinal);
        var neg = t.StartsWith('-');
        var body = neg || t.StartsWith('+') ? t[1..] : t;
        if (body.StartsWith("0x", StringComparison.Ordinal) && body.Length > 2 &&
            BigInteger.TryParse("0" + body[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var hex))
        {
            return NumberValue.From(neg ? -hex : hex);
        }

        if (body.StartsWith("0b", StringComparison.Ordinal) && body.Length > 2 && body[2..].All(ch => ch is '0' or '1'))
        {
            var b = body[2..].Aggregate(BigInteger.Zero, (acc, ch) => (acc * 2) + (ch - '0'));
            return NumberValue.From(neg ? -b : b);
        }

        if (body.Length > 1 && body[0] == '0' && body.All(char.IsAsciiDigit) && body.All(ch => ch < '8'))
        {
            var o = body.Aggregate(BigInteger.Zero, (acc, ch) => (acc * 8) + (ch - '0'));
            return NumberValue.From(neg ? -o : o);
        }

        if (body is ".inf" or ".Inf" or ".INF" or ".nan" or ".NaN" or ".NAN")
        {
            return null;
        }

        if (body.Length == 0 || !(char.IsAsciiDigit(body[0]) || (body[0] == '.' && body.Length > 1 && char.IsAsciiDigit(body[1]))))
        {
            return null;
        }

        return body.All(ch => char.IsAsciiDigit(ch) || ch is '.' or 'e' or 'E' or '+' or '-') && NumberValue.TryParse(t.TrimStart('+'), out var n) ? n : null;
    }
}
