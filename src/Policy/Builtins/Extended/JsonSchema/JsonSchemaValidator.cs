using System.Globalization;
using System.Text.RegularExpressions;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.JsonSchema;

/// <summary>A JSON Schema (draft 4-7 core keywords) checker and validator with gojsonschema's messages.</summary>
internal static partial class JsonSchemaValidator
{
    private static readonly string[] TypeNames = ["array", "boolean", "integer", "number", "null", "object", "string"];

    /// <summary>Checks the schema itself; returns gojsonschema's error text or null.</summary>
    public static string? Check(Value? schema)
    {
        if (schema is BooleanValue)
        {
            return null;
        }

        if (schema is not ObjectValue o)
        {
            return "Invalid JSON schema: must be an object or a boolean";
        }

        if (Get(o, "type") is { } type)
        {
            var names = type is ArrayValue a ? a.Items : [type];
            foreach (var n in names)
            {
                if (n is not StringValue s || !TypeNames.Contains(s.Value))
                {
                    var given = n is StringValue gs ? gs.Value : ValueJson.Serialize(n);
                    return $"has a primitive type that is NOT VALID -- given: /{given}/ Expected valid values are:[array boolean integer number null object string]";
                }
            }
        }

        foreach (var key in new[] { "properties", "patternProperties", "definitions", "$defs" })
        {
            if (Get(o, key) is ObjectValue props)
            {
                foreach (var (_, sub) in props.Pairs)
                {
                    if (Check(sub) is { } e)
                    {
                        return e;
                    }
                }
            }
        }

        foreach (var key in new[] { "items", "additionalProperties", "not", "additionalItems" })
        {
            if (Get(o, key) is ObjectValue sub && Check(sub) is { } e)
            {
                return e;
            }
        }

        foreach (var key in new[] { "allOf", "anyOf", "oneOf" })
        {
            if (Get(o, key) is ArrayValue subs && subs.Items.Select(Check).FirstOrDefault(e => e is not null) is { } e)
            {
                return e;
            }
        }

        return null;
    }

    public static void Validate(Value schema, Value doc, string path, List<JsonSchemaError> errors)
    {
        if (schema is BooleanValue b)
        {
            if (!b.Value)
            {
                Add(errors, "false", path, "False always fails validation");
            }

            return;
        }

        if (schema is not ObjectValue s)
        {
            return;
        }

        if (Get(s, "type") is { } type)
        {
            var allowed = (type is ArrayValue a ? a.Items : [type]).OfType<StringValue>().Select(x => x.Value).ToList();
            var actual = TypeOf(doc);
            if (!allowed.Contains(actual) && !(actual == "integer" && allowed.Contains("number")))
            {
                Add(errors, "invalid_type", path, $"Invalid type. Expected: {string.Join(", ", allowed)}, given: {actual}");
                return;
            }
        }

        if (Get(s, "enum") is ArrayValue options && !options.Items.Contains(doc))
        {
            Add(errors, "enum", path, $"{Field(path)} must be one of the following: {string.Join(", ", options.Items.Select(ValueJson.Serialize))}");
        }

        if (Get(s, "const") is { } constant && !constant.Equals(doc))
        {
            Add(errors, "const", path, $"{Field(path)} does not match: {ValueJson.Serialize(constant)}");
        }

        switch (doc)
        {
            case ObjectValue obj:
                ValidateObject(s, obj, path, errors);
                break;
            case ArrayValue arr:
                ValidateArray(s, arr, path, errors);
                break;
            case StringValue str:
                ValidateString(s, str.Value, path, errors);
                break;
            case NumberValue num:
                ValidateNumber(s, num, path, errors);
                break;
        }

        Combinators(s, doc, path, errors);
    }

    private static void Combinators(ObjectValue s, Value doc, string path, List<JsonSchemaError> errors)
    {
        int Passing(ArrayValue subs) => subs.Items.Count(sub =>
        {
            var inner = new List<JsonSchemaError>();
            Validate(sub, doc, path, inner);
            return inner.Count == 0;
        });

        if (Get(s, "allOf") is ArrayValue all && Passing(all) != all.Count)
        {
            Add(errors, "number_all_of", path, "Must validate all the schemas (allOf)");
        }

        if (Get(s, "anyOf") is ArrayValue any && Passing(any) == 0)
        {
            Add(errors, "number_any_of", path, "Must validate at least one schema (anyOf)");
        }

        if (Get(s, "oneOf") is ArrayValue one && Passing(one) != 1)
        {
            Add(errors, "number_one_of", path, "Must validate one and only one schema (oneOf)");
        }

        if (Get(s, "not") is { } not)
        {
            var inner = new List<JsonSchemaError>();
            Validate(not, doc, path, inner);
            if (inner.Count == 0)
            {
                Add(errors, "number_not", path, "Must not validate the schema (not)");
            }
        }
    }

    private static void Add(List<JsonSchemaError> errors, string type, string path, string description) =>
        errors.Add(new JsonSchemaError(type, Field(path), description));

    private static string Field(string path) => path == "(root)" ? path : path["(root).".Length..];

    private static Value? Get(ObjectValue o, string key) => o.Get(StringValue.From(key));

    private static string TypeOf(Value v) => v switch
    {
        NullValue => "null",
        BooleanValue => "boolean",
        NumberValue n => n.IsInteger ? "integer" : "number",
        StringValue => "string",
        ArrayValue or SetValue => "array",
        _ => "object",
    };
}
