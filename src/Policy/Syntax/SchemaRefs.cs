using AgentGate.Policy.Values;

namespace AgentGate.Policy.Syntax;

/// <summary>
/// One <c>schemas</c> entry of a METADATA block (<c>- input.x: schema.name</c> or an inline definition),
/// as OPA emits it: <c>{"path": [terms], "schema": [terms]}</c> or <c>{"path": [terms], "definition": …}</c>.
/// </summary>
internal static class SchemaRefs
{
    public static Value Read(Value entry, Func<string, ParseException> err)
    {
        if (entry is not ObjectValue { Count: 1 } o)
        {
            throw err("invalid METADATA block: each schemas entry must map one path to a schema");
        }

        var (key, value) = o.Pairs.First();
        var path = RefTerms(((StringValue)key).Value, err, "input", "data");
        var result = new Dictionary<Value, Value> { [StringValue.From("path")] = path };
        if (value is StringValue s)
        {
            result[StringValue.From("schema")] = RefTerms(s.Value, err, "schema");
        }
        else
        {
            result[StringValue.From("definition")] = value;
        }

        return ObjectValue.From(result);
    }

    private static ArrayValue RefTerms(string text, Func<string, ParseException> err, params string[] roots)
    {
        Term parsed;
        try
        {
            parsed = Parser.ParseTerm("metadata", text);
        }
        catch (ParseException)
        {
            throw err($"invalid METADATA block: invalid schema reference '{text}'");
        }

        var (head, rest) = parsed switch
        {
            VarTerm v => (v.Name, Array.Empty<Term>()),
            RefTerm { Head: VarTerm hv } r => (hv.Name, r.Path),
            _ => (string.Empty, []),
        };
        if (!roots.Contains(head) || rest.Any(t => t is not ScalarTerm { Value: StringValue }))
        {
            throw err($"invalid METADATA block: schema reference '{text}' must be a ref rooted at {string.Join(" or ", roots)}");
        }

        return ArrayValue.From(rest.Select(t => Term("string", ((StringValue)((ScalarTerm)t).Value).Value)).Prepend(Term("var", head)));
    }

    private static Value Term(string type, string value) => ObjectValue.From(
    [
        new(StringValue.From("type"), StringValue.From(type)),
        new(StringValue.From("value"), StringValue.From(value)),
    ]);
}
