using AgentGate.Policy.Values;
using static AgentGate.Policy.Builtins.Extended.Graphql.GqlObj;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>A loaded schema (prelude + document, extensions merged), built like gqlparser's LoadSchema.</summary>
internal sealed class GqlSchema
{
    private const string Prelude = """
        scalar Int
        scalar Float
        scalar String
        scalar Boolean
        scalar ID
        directive @include(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
        directive @skip(if: Boolean!) on FIELD | FRAGMENT_SPREAD | INLINE_FRAGMENT
        directive @deprecated(reason: String = "No longer supported") on FIELD_DEFINITION | ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
        directive @specifiedBy(url: String!) on SCALAR
        directive @oneOf on INPUT_OBJECT
        directive @defer(if: Boolean = true, label: String) on FRAGMENT_SPREAD | INLINE_FRAGMENT
        """;

    private static readonly Lazy<ObjectValue> PreludeDocument = new(() => GqlParser.ParseSchema(Prelude).Document!);

    public Dictionary<string, GqlType> Types { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ObjectValue> Directives { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> Roots { get; } = new(StringComparer.Ordinal);

    /// <summary>Loads and validates; returns null with an error message when the schema is invalid.</summary>
    public static GqlSchema? Load(ObjectValue document, out string error)
    {
        var schema = new GqlSchema();
        error = schema.Build(PreludeDocument.Value, true) ?? schema.Build(document, false) ?? schema.Finish(document) ?? string.Empty;
        return error.Length == 0 ? schema : null;
    }

    private string? Build(ObjectValue document, bool builtIn)
    {
        foreach (var def in Objects(document, "Definitions"))
        {
            var name = Str(def, "Name");
            if (Types.ContainsKey(name))
            {
                return $"Cannot redeclare type {name}.";
            }

            Types[name] = GqlType.From(def, builtIn);
        }

        foreach (var ext in Objects(document, "Extensions"))
        {
            var name = Str(ext, "Name");
            if (!Types.TryGetValue(name, out var type))
            {
                type = Types[name] = new GqlType { Kind = Str(ext, "Kind"), Name = name };
            }

            if (type.Kind != Str(ext, "Kind"))
            {
                return $"Cannot extend type {name} because the base type is a {type.Kind}, not {Str(ext, "Kind")}.";
            }

            type.Merge(ext);
        }

        foreach (var dir in Objects(document, "Directives"))
        {
            var name = Str(dir, "Name");
            if (Directives.ContainsKey(name) && !builtIn && name is not ("include" or "skip" or "deprecated" or "specifiedBy" or "defer"))
            {
                return $"Cannot redeclare directive {name}.";
            }

            Directives.TryAdd(name, dir);
        }

        return null;
    }

    private string? Finish(ObjectValue document)
    {
        var entries = Objects(document, "Schema").ToList();
        if (entries.Count > 1)
        {
            return "Cannot have multiple schema entry points, consider schema extensions instead.";
        }

        foreach (var entry in entries.Concat(Objects(document, "SchemaExtension")))
        {
            foreach (var op in Objects(entry, "OperationTypes"))
            {
                var typeName = Str(op, "Type");
                if (!Types.ContainsKey(typeName))
                {
                    return $"Schema root {Str(op, "Operation")} refers to a type {typeName} that does not exist.";
                }

                Roots[Str(op, "Operation")] = typeName;
            }

            if (GqlSchemaValidator.Directives(this, Objects(entry, "Directives"), "SCHEMA") is { } dirError)
            {
                return dirError;
            }
        }

        if (GqlSchemaValidator.Validate(this) is { } error)
        {
            return error;
        }

        if (entries.Count == 0)
        {
            foreach (var (op, name) in new[] { ("query", "Query"), ("mutation", "Mutation"), ("subscription", "Subscription") })
            {
                if (!Roots.ContainsKey(op) && Types.ContainsKey(name))
                {
                    Roots[op] = name;
                }
            }
        }

        return null;
    }

    public static string TypeString(Value? type)
    {
        var elem = Child(type, "Elem");
        var text = elem is not null ? "[" + TypeString(elem) + "]" : Str(type, "NamedType");
        return Bool(type, "NonNull") ? text + "!" : text;
    }

    public static string NamedType(Value? type) => Child(type, "Elem") is { } elem ? NamedType(elem) : Str(type, "NamedType");
}
