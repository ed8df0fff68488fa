using AgentGate.Policy.Values;

namespace AgentGate.Policy.Syntax;

/// <summary>Validates a parsed METADATA block and normalizes it to the object OPA's <c>rego.metadata.*</c> return.</summary>
internal static class AnnotationReader
{
    public static Annotation Read(Value yaml, bool onPackage, Loc loc)
    {
        ParseException Err(string message) => new(loc.File, loc.Line, loc.Column, message);
        if (yaml is NullValue)
        {
            yaml = ObjectValue.Empty;
        }

        if (yaml is not ObjectValue o)
        {
            throw Err("invalid METADATA block: expected a YAML mapping");
        }

        var scope = Get(o, "scope") switch
        {
            null => onPackage ? "package" : "rule",
            StringValue s => s.Value,
            _ => throw Err("invalid METADATA block: scope must be a string"),
        };
        var wanted = scope switch
        {
            "rule" or "document" => "rule",
            "package" or "subpackages" => "package",
            _ => throw Err($"invalid annotation scope '{scope}'. Use one of 'rule', 'document', 'package', or 'subpackages'"),
        };
        if ((wanted == "package") != onPackage)
        {
            throw Err($"annotation scope '{scope}' must be applied to {wanted} (have {(onPackage ? "package" : "rule")})");
        }

        var result = new Dictionary<Value, Value> { [StringValue.From("scope")] = StringValue.From(scope) };
        void Put(string key, Value? v)
        {
            if (v is not null)
            {
                result[StringValue.From(key)] = v;
            }
        }

        Put("title", Text(o, "title", Err));
        Put("description", Text(o, "description", Err));
        Put("organizations", List(o, "organizations", Err, v => v is StringValue ? v : throw Err("invalid METADATA block: organizations must be strings")));
        Put("related_resources", List(o, "related_resources", Err, v => Resource(v, Err)));
        Put("authors", List(o, "authors", Err, v => Author(v, Err)));
        Put("schemas", List(o, "schemas", Err, v => SchemaRefs.Read(v, Err)));
        Put("entrypoint", Get(o, "entrypoint") switch
        {
            null or BooleanValue { Value: false } => null,
            BooleanValue b => b,
            _ => throw Err("invalid METADATA block: entrypoint must be a boolean"),
        });
        Put("custom", Get(o, "custom") switch
        {
            null or NullValue => null,
            ObjectValue c when c.Count == 0 => null,
            ObjectValue c => c,
            _ => throw Err("invalid METADATA block: custom must be a mapping"),
        });
        return new Annotation(loc, scope, ObjectValue.Wrap(result));
    }

    private static Value? Get(ObjectValue o, string key) => o.Get(StringValue.From(key));

    private static Value? Text(ObjectValue o, string key, Func<string, ParseException> err) => Get(o, key) switch
    {
        null or NullValue => null,
        StringValue s => s,
        _ => throw err($"invalid METADATA block: {key} must be a string"),
    };

    private static ArrayValue? List(ObjectValue o, string key, Func<string, ParseException> err, Func<Value, Value> item) => Get(o, key) switch
    {
        null or NullValue => null,
        ArrayValue a when a.Count == 0 => null,
        ArrayValue a => ArrayValue.From(a.Items.Select(item)),
        _ => throw err($"invalid METADATA block: {key} must be a list"),
    };

    private static ObjectValue Resource(Value v, Func<string, ParseException> err)
    {
        var (reference, description) = v switch
        {
            StringValue s => (s.Value, null),
            ObjectValue r => ((Get(r, "ref") as StringValue)?.Value, (Get(r, "description") as StringValue)?.Value),
            _ => (null, null),
        };
        if (string.IsNullOrWhiteSpace(reference))
        {
            throw err("invalid METADATA block: related resource must have a 'ref' URL");
        }

        return Obj(("ref", reference), ("description", description));
    }

    private static ObjectValue Author(Value v, Func<string, ParseException> err)
    {
        string? name = null, email = null;
        if (v is StringValue s)
        {
            var text = s.Value.Trim();
            var lt = text.LastIndexOf('<');
            if (text.EndsWith('>') && lt >= 0)
            {
                email = text[(lt + 1)..^1].Trim();
                name = text[..lt].Trim();
            }
            else
            {
                name = text;
            }
        }
        else if (v is ObjectValue a)
        {
            name = (Get(a, "name") as StringValue)?.Value;
            email = (Get(a, "email") as StringValue)?.Value;
        }

        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(email))
        {
            throw err("invalid METADATA block: author must have a name or an email");
        }

        return Obj(("name", name), ("email", email));
    }

    private static ObjectValue Obj(params (string Key, string? Value)[] fields) =>
        ObjectValue.From(fields.Where(f => !string.IsNullOrEmpty(f.Value))
            .Select(f => new KeyValuePair<Value, Value>(StringValue.From(f.Key), StringValue.From(f.Value!))));
}
