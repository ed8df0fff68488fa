using AgentGate.Policy.Values;
using static AgentGate.Policy.Builtins.Extended.Graphql.GqlObj;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>The core of gqlparser's query validation rules (fields, arguments, types, fragments, directives).</summary>
internal sealed class GqlQueryValidator
{
    private readonly GqlSchema _schema;
    private readonly IReadOnlyDictionary<Value, (int Line, int Column)> _positions;
    private readonly Dictionary<string, ObjectValue> _fragments = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedFragments = new(StringComparer.Ordinal);
    private GqlError? _error;

    private GqlQueryValidator(GqlSchema schema, IReadOnlyDictionary<Value, (int Line, int Column)> positions)
    {
        _schema = schema;
        _positions = positions;
    }

    public static GqlError? Validate(GqlSchema schema, ObjectValue document, IReadOnlyDictionary<Value, (int Line, int Column)> positions)
    {
        var v = new GqlQueryValidator(schema, positions);
        v.Run(document);
        return v._error;
    }

    private void Run(ObjectValue document)
    {
        foreach (var fragment in Objects(document, "Fragments"))
        {
            _fragments.TryAdd(Str(fragment, "Name"), fragment);
        }

        var operations = Objects(document, "Operations").ToList();
        if (operations.Count > 1 && operations.Exists(o => Str(o, "Name").Length == 0))
        {
            Fail(operations.First(o => Str(o, "Name").Length == 0), "This anonymous operation must be the only defined operation.");
        }

        foreach (var op in operations)
        {
            var kind = Str(op, "Operation");
            foreach (var variable in Objects(op, "VariableDefinitions"))
            {
                KnownType(variable, GqlSchema.NamedType(Child(variable, "Type")));
                CheckDirectives(variable, Objects(variable, "Directives"));
            }

            CheckDirectives(op, Objects(op, "Directives"));
            if (!_schema.Roots.TryGetValue(kind, out var root))
            {
                Fail(op, $"Schema does not support operation type \"{kind}\"");
                continue;
            }

            SelectionSet(_schema.Types[root], Objects(op, "SelectionSet"));
        }

        foreach (var fragment in _fragments.Values)
        {
            if (KnownType(fragment, Str(fragment, "TypeCondition")) is { } type)
            {
                SelectionSet(type, Objects(fragment, "SelectionSet"));
            }
        }

        foreach (var (name, fragment) in _fragments)
        {
            if (!_usedFragments.Contains(name))
            {
                Fail(fragment, $"Fragment \"{name}\" is never used.");
            }
        }
    }

    private void SelectionSet(GqlType parent, IEnumerable<ObjectValue> selections)
    {
        foreach (var selection in selections)
        {
            CheckDirectives(selection, Objects(selection, "Directives"));
            if (selection.Get(StringValue.From("Alias")) is not null)
            {
                Field(parent, selection);
            }
            else if (selection.Get(StringValue.From("TypeCondition")) is not null)
            {
                var condition = Str(selection, "TypeCondition");
                var type = condition.Length == 0 ? parent : KnownType(selection, condition);
                if (type is not null)
                {
                    SelectionSet(type, Objects(selection, "SelectionSet"));
                }
            }
            else
            {
                var name = Str(selection, "Name");
                _usedFragments.Add(name);
                if (!_fragments.ContainsKey(name))
                {
                    Fail(selection, $"Unknown fragment \"{name}\".");
                }
            }
        }
    }

    private void Field(GqlType parent, ObjectValue field)
    {
        var name = Str(field, "Name");
        if (name == "__typename" || (name is "__schema" or "__type" && _schema.Roots.GetValueOrDefault("query") == parent.Name))
        {
            return;
        }

        var def = parent.Field(name);
        if (def is null)
        {
            Fail(field, $"Cannot query field \"{name}\" on type \"{parent.Name}\".");
            return;
        }

        CheckArguments(field, Objects(def, "Arguments").ToList(), Objects(field, "Arguments").ToList(),
            arg => $"Unknown argument \"{arg}\" on field \"{parent.Name}.{name}\".",
            (arg, type) => $"Field \"{name}\" argument \"{arg}\" of type \"{type}\" is required, but it was not provided");
        var typeName = GqlSchema.NamedType(Child(def, "Type"));
        var selections = Objects(field, "SelectionSet").ToList();
        if (!_schema.Types.TryGetValue(typeName, out var type))
        {
            return;
        }

        if (type.Kind is "OBJECT" or "INTERFACE" or "UNION")
        {
            if (selections.Count == 0)
            {
                var typeText = GqlSchema.TypeString(Child(def, "Type"));
                Fail(field, $"Field \"{name}\" of type \"{typeText}\" must have a selection of subfields. Did you mean \"{name} {{ ... }}\"?");
                return;
            }

            SelectionSet(type, selections);
        }
        else if (selections.Count > 0)
        {
            Fail(field, $"Field \"{name}\" must not have a selection since type \"{typeName}\" has no subfields.");
        }
    }

    private void CheckDirectives(ObjectValue node, IEnumerable<ObjectValue> directives)
    {
        foreach (var directive in directives)
        {
            var name = Str(directive, "Name");
            if (!_schema.Directives.TryGetValue(name, out var def))
            {
                Fail(node, $"Unknown directive \"@{name}\".");
                continue;
            }

            CheckArguments(node, Objects(def, "Arguments").ToList(), Objects(directive, "Arguments").ToList(),
                arg => $"Unknown argument \"{arg}\" on directive \"@{name}\".",
                (arg, type) => $"Directive \"@{name}\" argument \"{arg}\" of type \"{type}\" is required, but it was not provided");
        }
    }

    private void CheckArguments(ObjectValue node, List<ObjectValue> defined, List<ObjectValue> given, Func<string, string> unknown, Func<string, string, string> missing)
    {
        foreach (var arg in given)
        {
            if (!defined.Exists(d => Str(d, "Name") == Str(arg, "Name")))
            {
                Fail(node, unknown(Str(arg, "Name")));
            }
        }

        foreach (var d in defined)
        {
            var type = Child(d, "Type");
            if (Bool(type, "NonNull") && Child(d, "DefaultValue") is null && !given.Exists(a => Str(a, "Name") == Str(d, "Name")))
            {
                Fail(node, missing(Str(d, "Name"), GqlSchema.TypeString(type)));
            }
        }
    }

    private GqlType? KnownType(ObjectValue node, string name)
    {
        if (_schema.Types.TryGetValue(name, out var type))
        {
            return type;
        }

        Fail(node, $"Unknown type \"{name}\".");
        return null;
    }

    private void Fail(ObjectValue node, string message)
    {
        var (line, column) = _positions.TryGetValue(node, out var p) ? p : (0, 0);
        _error ??= new GqlError(message, line, column);
    }
}
