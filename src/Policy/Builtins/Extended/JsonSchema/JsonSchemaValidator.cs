using System.Globalization;
using System.Text.RegularExpressions;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.JsonSchema;

/// <summary>A JSON Schema (draft 4-7 core keywords) checker and validator with gojsonschema's messages.</summary>
internal static class JsonSchemaValidator
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

    private static void ValidateObject(ObjectValue s, ObjectValue obj, string path, List<JsonSchemaError> errors)
    {
        if (Get(s, "required") is ArrayValue required)
        {
            foreach (var name in required.Items.OfType<StringValue>())
            {
                if (obj.Get(name) is null)
                {
                    Add(errors, "required", path, $"{name.Value} is required");
                }
            }
        }

        var properties = Get(s, "properties") as ObjectValue;
        foreach (var (key, value) in obj.Pairs)
        {
            var name = key is StringValue k ? k.Value : ValueJson.Serialize(key);
            var childPath = path + "." + name;
            var matched = false;
            if (properties?.Get(key) is { } propSchema)
            {
                matched = true;
                Validate(propSchema, value, childPath, errors);
            }

            if (Get(s, "patternProperties") is ObjectValue patterns)
            {
                foreach (var (pattern, patternSchema) in patterns.Pairs)
                {
                    if (pattern is StringValue p && Regex.IsMatch(name, p.Value, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        matched = true;
                        Validate(patternSchema, value, childPath, errors);
                    }
                }
            }

            if (!matched && Get(s, "additionalProperties") is { } additional)
            {
                if (additional is BooleanValue { Value: false })
                {
                    Add(errors, "additional_property_not_allowed", path, $"Additional property {name} is not allowed");
                }
                else if (additional is ObjectValue)
                {
                    Validate(additional, value, childPath, errors);
                }
            }
        }

        Limit(s, "minProperties", obj.Count, (n, c) => c < n, errors, "array_min_properties", path, n => $"Must have at least {n} properties");
        Limit(s, "maxProperties", obj.Count, (n, c) => c > n, errors, "array_max_properties", path, n => $"Must have at most {n} properties");
    }

    private static void ValidateArray(ObjectValue s, ArrayValue arr, string path, List<JsonSchemaError> errors)
    {
        if (Get(s, "items") is ObjectValue itemSchema)
        {
            for (var i = 0; i < arr.Count; i++)
            {
                Validate(itemSchema, arr[i], path + "." + i.ToString(CultureInfo.InvariantCulture), errors);
            }
        }
        else if (Get(s, "items") is ArrayValue tuple)
        {
            for (var i = 0; i < Math.Min(tuple.Count, arr.Count); i++)
            {
                Validate(tuple[i], arr[i], path + "." + i.ToString(CultureInfo.InvariantCulture), errors);
            }
        }

        Limit(s, "minItems", arr.Count, (n, c) => c < n, errors, "array_min_items", path, n => $"Array must have at least {n} items");
        Limit(s, "maxItems", arr.Count, (n, c) => c > n, errors, "array_max_items", path, n => $"Array must have at most {n} items");
        if (Get(s, "uniqueItems") is BooleanValue { Value: true } && arr.Items.Distinct().Count() != arr.Count)
        {
            Add(errors, "unique", path, "array items must be unique");
        }
    }

    private static void ValidateString(ObjectValue s, string value, string path, List<JsonSchemaError> errors)
    {
        var length = value.EnumerateRunes().Count();
        Limit(s, "minLength", length, (n, c) => c < n, errors, "string_gte", path, n => $"String length must be greater than or equal to {n}");
        Limit(s, "maxLength", length, (n, c) => c > n, errors, "string_lte", path, n => $"String length must be less than or equal to {n}");
        if (Get(s, "pattern") is StringValue pattern && !Regex.IsMatch(value, pattern.Value, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            Add(errors, "pattern", path, $"Does not match pattern '{pattern.Value}'");
        }
    }

    private static void ValidateNumber(ObjectValue s, NumberValue num, string path, List<JsonSchemaError> errors)
    {
        var v = num.ToDouble();
        if (Get(s, "minimum") is NumberValue min && v < min.ToDouble())
        {
            Add(errors, "number_gte", path, $"Must be greater than or equal to {min}");
        }

        if (Get(s, "maximum") is NumberValue max && v > max.ToDouble())
        {
            Add(errors, "number_lte", path, $"Must be less than or equal to {max}");
        }

        if (Get(s, "exclusiveMinimum") is NumberValue emin && v <= emin.ToDouble())
        {
            Add(errors, "number_gt", path, $"Must be greater than {emin}");
        }

        if (Get(s, "exclusiveMaximum") is NumberValue emax && v >= emax.ToDouble())
        {
            Add(errors, "number_lt", path, $"Must be less than {emax}");
        }

        if (Get(s, "multipleOf") is NumberValue m && m.ToDouble() != 0 && Math.Abs(Math.IEEERemainder(v, m.ToDouble())) > 1e-9)
        {
            Add(errors, "multiple_of", path, $"Must be a multiple of {m}");
        }
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

    private static void Limit(ObjectValue s, string keyword, int count, Func<long, int, bool> fails, List<JsonSchemaError> errors, string type, string path, Func<long, string> message)
    {
        if (Get(s, keyword) is NumberValue n && n.TryGetInt64(out var limit) && fails(limit, count))
        {
            Add(errors, type, path, message(limit));
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
