using AgentGate.Policy.Values;
using static AgentGate.Policy.Builtins.Extended.Graphql.GqlObj;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>A named type of a loaded schema with its extensions merged in.</summary>
internal sealed class GqlType
{
    public string Kind { get; init; } = string.Empty;

    public string Name { get; init; } = string.Empty;

    public bool BuiltIn { get; init; }

    public List<ObjectValue> Fields { get; } = [];

    public List<string> Interfaces { get; } = [];

    public List<string> Types { get; } = [];

    public List<ObjectValue> EnumValues { get; } = [];

    public List<ObjectValue> Directives { get; } = [];

    public static GqlType From(ObjectValue def, bool builtIn)
    {
        var type = new GqlType { Kind = Str(def, "Kind"), Name = Str(def, "Name"), BuiltIn = builtIn || Bool(def, "BuiltIn") };
        type.Merge(def);
        return type;
    }

    public void Merge(ObjectValue def)
    {
        Fields.AddRange(Objects(def, "Fields"));
        Interfaces.AddRange(Items(def, "Interfaces").OfType<StringValue>().Select(s => s.Value));
        Types.AddRange(Items(def, "Types").OfType<StringValue>().Select(s => s.Value));
        EnumValues.AddRange(Objects(def, "EnumValues"));
        Directives.AddRange(Objects(def, "Directives"));
    }

    public ObjectValue? Field(string name) => Fields.Find(f => Str(f, "Name") == name);
}
