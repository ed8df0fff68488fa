using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Yaml;

/// <summary><c>yaml.marshal yaml.unmarshal yaml.is_valid</c>.</summary>
[BuiltinGroup]
internal static class YamlBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("yaml.marshal", 1, static (_, a) => StringValue.From(YamlWriter.Write(a[0])));
        t.Add("yaml.unmarshal", 1, Unmarshal);
        t.Add("yaml.is_valid", 1, static (_, a) => BooleanValue.From(a[0] is StringValue s && IsValid(s.Value)));
    }

    private static bool IsValid(string text)
    {
        try
        {
            YamlReader.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Value Unmarshal(BuiltinContext c, ReadOnlySpan<Value> a)
    {
        var text = BuiltinArgs.String("yaml.unmarshal", a, 0);
        try
        {
            return YamlReader.Parse(text);
        }
        catch (FormatException ex)
        {
            throw CoreErrors.Builtin("yaml.unmarshal", ex.Message);
        }
    }
}
