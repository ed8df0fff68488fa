using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Core.Types;

/// <summary><c>is_*</c> and <c>type_name</c>.</summary>
[BuiltinGroup]
internal static class TypeBuiltins
{
    internal static void Register(BuiltinTable t)
    {
        Is(t, "is_number", ValueKind.Number);
        Is(t, "is_string", ValueKind.String);
        Is(t, "is_boolean", ValueKind.Boolean);
        Is(t, "is_array", ValueKind.Array);
        Is(t, "is_set", ValueKind.Set);
        Is(t, "is_object", ValueKind.Object);
        Is(t, "is_null", ValueKind.Null);
        t.Add("type_name", 1, static (_, a) => TypeNameOf(a[0]));
    }

    private static readonly StringValue[] Names =
    [
        StringValue.From("null"),
        StringValue.From("boolean"),
        StringValue.From("number"),
        StringValue.From("string"),
        StringValue.From("array"),
        StringValue.From("object"),
        StringValue.From("set"),
    ];

    private static StringValue TypeNameOf(Value v) => Names[(int)v.Kind];

    private static void Is(BuiltinTable t, string name, ValueKind kind) =>
        t.Add(name, 1, (_, a) => BooleanValue.From(a[0].Kind == kind));
}
