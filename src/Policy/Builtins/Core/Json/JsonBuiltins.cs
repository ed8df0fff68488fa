using System.Text.Json;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Json;

/// <summary><c>json.marshal json.marshal_with_options json.unmarshal json.is_valid</c>.</summary>
[BuiltinGroup]
internal static class JsonBuiltins
{
    private static readonly JsonDocumentOptions Strict = new() { MaxDepth = 10_000 };

    internal static void Register(BuiltinTable t)
    {
        t.Add("json.marshal", 1, static (_, a) => StringValue.From(GoJson.Marshal(a[0])));
        t.Add("json.marshal_with_options", 2, MarshalWithOptions);
        t.Add("json.unmarshal", 1, Unmarshal);
        t.Add("json.is_valid", 1, static (_, a) => BooleanValue.From(a[0] is StringValue s && IsValid(s.Value)));
    }

    internal static bool IsValid(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, Strict);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static Value Unmarshal(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var text = BuiltinArgs.String("json.unmarshal", a, 0);
        try
        {
            return ValueJson.Parse(text);
        }
        catch (FormatException ex)
        {
            throw CoreErrors.Builtin("json.unmarshal", ex.Message);
        }
    }

    private static Value MarshalWithOptions(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        const string Name = "json.marshal_with_options";
        var opts = BuiltinArgs.Object(Name, a, 1);
        var indent = "\t";
        var prefix = string.Empty;
        var implicitPretty = false;
        bool? explicitPretty = null;
        foreach (var p in opts.Pairs)
        {
            if (p.Key is not StringValue key)
            {
                throw CoreErrors.Operand(Name, 2, $"failed to stringify key {p.Key}");
            }

            switch (key.Value)
            {
                case "prefix":
                    prefix = p.Value is StringValue ps ? ps.Value : throw CoreErrors.Operand(Name, 2, $"key prefix failed cast to string");
                    implicitPretty = true;
                    break;
                case "indent":
                    indent = p.Value is StringValue ins ? ins.Value : throw CoreErrors.Operand(Name, 2, $"key indent failed cast to string");
                    implicitPretty = true;
                    break;
                case "pretty":
                    explicitPretty = p.Value is BooleanValue b ? b.Value : throw CoreErrors.Operand(Name, 2, "key pretty failed cast to bool");
                    break;
                default:
                    throw CoreErrors.Operand(Name, 2, $"object contained unknown key {key.Value}");
            }
        }

        var pretty = explicitPretty ?? implicitPretty;
        return StringValue.From(pretty ? prefix + GoJson.Marshal(a[0], prefix, indent) : GoJson.Marshal(a[0]));
    }
}
