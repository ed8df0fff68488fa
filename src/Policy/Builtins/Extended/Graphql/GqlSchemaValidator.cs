using AgentGate.Policy.Values;
using static AgentGate.Policy.Builtins.Extended.Graphql.GqlObj;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>gqlparser's schema rules: fields present, type references defined and of the right kind, directives applicable.</summary>
internal static partial class GqlSchemaValidator
{
    public static string? Validate(GqlSchema schema)
    {
        foreach (var name in schema.Types.Keys.Order(StringComparer.Ordinal))
        {
            if (Definition(schema, schema.Types[name]) is { } error)
            {
                return error;
            }
        }

        foreach (var dir in schema.Directives.Values)
        {
            foreach (var arg in Objects(dir, "Arguments"))
            {
                if ((TypeRef(schema, Child(arg, "Type")) ?? Directives(schema, Objects(arg, "Directives"), "ARGUMENT_DEFINITION")) is { } error)
                {
                    return error;
                }
            }
        }

        return null;
    }

    public static string? Directives(GqlSchema schema, IEnumerable<ObjectValue> directives, string location)
    {
        foreach (var dir in directives)
        {
            var name = Str(dir, "Name");
            if (!schema.Directives.TryGetValue(name, out var def))
            {
                return $"Undefined directive {name}.";
            }

            if (!Items(def, "Locations").Contains(StringValue.From(location)))
            {
                return $"Directive {name} is not applicable on {location}.";
            }

            foreach (var arg in Objects(dir, "Arguments"))
            {
                if (!Objects(def, "Arguments").Any(a => Str(a, "Name") == Str(arg, "Name")))
                {
                    return $"Undefined argument {Str(arg, "Name")} for directive {name}.";
                }
            }

            foreach (var required in Objects(def, "Arguments").Where(a => Bool(Child(a, "Type"), "NonNull") && Child(a, "DefaultValue") is null))
            {
                var given = Objects(dir, "Arguments").FirstOrDefault(a => Str(a, "Name") == Str(required, "Name"));
                if (given is null || Int(Child(given, "Value"), "Kind") == 6)
                {
                    return $"Argument {Str(required, "Name")} for directive {name} cannot be null.";
                }
            }
        }

        return null;
    }

    private static string? Definition(GqlSchema schema, GqlType def)
    {
        if (Directives(schema, def.Directives, def.Kind) is { } dirError)
        {
            return dirError;
        }

        var label = $"{def.Kind} {def.Name}";
        switch (def.Kind)
        {
            case "OBJECT" or "INTERFACE":
                if (def.Fields.Count == 0)
                {
                    return $"{label}: must define one or more fields.";
                }

                if (def.Fields.Any(f => KindOf(schema, f) is "INPUT_OBJECT"))
                {
                    return $"{label}: field must be one of SCALAR, OBJECT, INTERFACE, UNION, ENUM.";
                }

                break;
            case "ENUM":
                if (def.EnumValues.Count == 0)
                {
                    return $"{label}: must define one or more unique enum values.";
                }

                foreach (var value in def.EnumValues)
                {
                    if (Str(value, "Name") is "true" or "false" or "null")
                    {
                        return $"{label}: non-enum value {Str(value, "Name")}.";
                    }

                    if (Directives(schema, Objects(value, "Directives"), "ENUM_VALUE") is { } e)
                    {
                        return e;
                    }
                }

                break;
            case "INPUT_OBJECT":
                if (def.Fields.Count == 0)
                {
                    return $"{label}: must define one or more input fields.";
                }

                if (def.Fields.Any(f => KindOf(schema, f) is "OBJECT" or "INTERFACE" or "UNION"))
                {
                    return $"{label}: field must be one of SCALAR, ENUM, INPUT_OBJECT.";
                }

                break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in def.Fields)
        {
            var name = Str(field, "Name");
            if (!seen.Add(name))
            {
                return $"Field {def.Name}.{name} can only be defined once.";
            }

            var location = def.Kind == "INPUT_OBJECT" ? "INPUT_FIELD_DEFINITION" : "FIELD_DEFINITION";
            if ((Reserved(name) ?? TypeRef(schema, Child(field, "Type")) ?? Directives(schema, Objects(field, "Directives"), location)) is { } e)
            {
                return e;
            }

            foreach (var arg in Objects(field, "Arguments"))
            {
                if ((Reserved(Str(arg, "Name")) ?? TypeRef(schema, Child(arg, "Type")) ?? Directives(schema, Objects(arg, "Directives"), "ARGUMENT_DEFINITION")) is { } argError)
                {
                    return argError;
                }
            }
        }

        if (!def.BuiltIn && def.Name.StartsWith("__", StringComparison.Ordinal))
        {
            return Reserved(def.Name);
        }

        foreach (var member in def.Types)
        {
            if (!schema.Types.TryGetValue(member, out var memberType))
            {
                return $"Undefined type {member}.";
            }

            if (memberType.Kind != "OBJECT")
            {
                return $"{def.Kind} type {member} must be OBJECT.";
            }
        }

        foreach (var name in def.Interfaces)
        {
            if (Implements(schema, def, name) is { } e)
            {
                return e;
            }
        }

        return null;
    }

}
