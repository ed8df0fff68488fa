using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.JsonSchema;

/// <summary>json.verify_schema and json.match_schema (gojsonschema-style results and messages).</summary>
[BuiltinGroup]
internal static class JsonSchemaBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        t.Add("json.verify_schema", 1, (context, a) =>
        {
            var error = Load(a[0], out _);
            return error is null
                ? ArrayValue.From(BooleanValue.True, NullValue.Instance)
                : ArrayValue.From(BooleanValue.False, StringValue.From("jsonschema: " + error));
        });
        t.Add("json.match_schema", 2, (_, a) =>
        {
            const string Name = "json.match_schema";
            if (Load(a[0], out var document, compile: false) is { } docError)
            {
                throw BuiltinException.Error(Name, docError);
            }

            if (Load(a[1], out var schema) is { } schemaError)
            {
                throw BuiltinException.Error(Name, schemaError);
            }

            var errors = new List<JsonSchemaError>();
            JsonSchemaValidator.Validate(schema!, document!, "(root)", errors);
            var list = errors.Select(e => (Value)ObjectValue.From([
                new(StringValue.From("desc"), StringValue.From(e.Description)),
                new(StringValue.From("error"), StringValue.From(e.Field + ": " + e.Description)),
                new(StringValue.From("field"), StringValue.From(e.Field)),
                new(StringValue.From("type"), StringValue.From(e.Type)),
            ]));
            return ArrayValue.From(BooleanValue.From(errors.Count == 0), ArrayValue.From(list));
        });
    }

    private static string? Load(Value operand, out Value? value, bool compile = true)
    {
        value = null;
        switch (operand)
        {
            case StringValue s:
                try
                {
                    value = ValueJson.Parse(s.Value);
                }
                catch (FormatException e)
                {
                    return e.Message;
                }
                catch (System.Text.Json.JsonException e)
                {
                    return e.Message;
                }

                break;
            case ObjectValue or BooleanValue:
                value = operand;
                break;
            default:
                if (!compile)
                {
                    value = operand;
                    return null;
                }

                return "wrong type, expected string or object";
        }

        return compile ? JsonSchemaValidator.Check(value) : null;
    }
}
