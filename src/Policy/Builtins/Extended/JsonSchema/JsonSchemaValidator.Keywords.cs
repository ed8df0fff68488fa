using System.Globalization;
using System.Text.RegularExpressions;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.JsonSchema;

/// <summary>Type-specific JSON Schema keywords.</summary>
internal static partial class JsonSchemaValidator
{
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

    private static void Limit(ObjectValue s, string keyword, int count, Func<long, int, bool> fails, List<JsonSchemaError> errors, string type, string path, Func<long, string> message)
    {
        if (Get(s, keyword) is NumberValue n && n.TryGetInt64(out var limit) && fails(limit, count))
        {
            Add(errors, type, path, message(limit));
        }
    }
}
