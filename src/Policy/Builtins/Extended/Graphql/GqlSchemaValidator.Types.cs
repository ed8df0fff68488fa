using AgentGate.Policy.Values;
using static AgentGate.Policy.Builtins.Extended.Graphql.GqlObj;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>Type references, interfaces and reserved names.</summary>
internal static partial class GqlSchemaValidator
{
    private static string? Implements(GqlSchema schema, GqlType def, string name)
    {
        if (!schema.Types.TryGetValue(name, out var intf))
        {
            return $"Undefined type {name}.";
        }

        if (intf.Kind != "INTERFACE")
        {
            return $"{def.Name} is a non interface type {name}.";
        }

        foreach (var required in intf.Fields)
        {
            if (def.Field(Str(required, "Name")) is null)
            {
                return $"For {def.Name} to implement {name} it must have a field called {Str(required, "Name")}.";
            }
        }

        foreach (var inherited in intf.Interfaces)
        {
            if (!def.Interfaces.Contains(inherited))
            {
                return $"{def.Name} must implement {inherited} because it is implemented by {name}.";
            }
        }

        return null;
    }

    private static string? KindOf(GqlSchema schema, ObjectValue field) =>
        schema.Types.TryGetValue(GqlSchema.NamedType(Child(field, "Type")), out var t) ? t.Kind : null;

    private static string? TypeRef(GqlSchema schema, Value? type)
    {
        var name = GqlSchema.NamedType(type);
        return schema.Types.ContainsKey(name) ? null : $"Undefined type {name}.";
    }

    private static string? Reserved(string name) => name.StartsWith("__", StringComparison.Ordinal)
        ? $"Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection."
        : null;
}
