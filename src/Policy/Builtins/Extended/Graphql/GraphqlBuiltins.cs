using AgentGate.Policy.Values;

namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>graphql.*: parsing to gqlparser's AST shape, schema loading and query validation.</summary>
[BuiltinGroup]
internal static class GraphqlBuiltins
{
    private static readonly Dictionary<Value, (int, int)> NoPositions = new(ReferenceEqualityComparer.Instance);

    internal static void Register(BuiltinTable t)
    {
        t.Add("graphql.parse_query", 1, (_, a) => Query("graphql.parse_query", StringValue.From(BuiltinArgs.String("graphql.parse_query", a, 0)), 1).Document);
        t.Add("graphql.parse_schema", 1, (_, a) => Schema("graphql.parse_schema", StringValue.From(BuiltinArgs.String("graphql.parse_schema", a, 0)), 1));
        t.Add("graphql.parse", 2, Parse);
        t.Add("graphql.parse_and_verify", 2, (_, a) =>
        {
            var result = TryVerify(a[0], a[1]);
            return result is { } r ? ArrayValue.From(BooleanValue.True, r.Query, r.Schema)
                : ArrayValue.From(BooleanValue.False, ObjectValue.Empty, ObjectValue.Empty);
        });
        t.Add("graphql.is_valid", 2, (_, a) => BooleanValue.From(TryVerify(a[0], a[1]) is not null));
        t.Add("graphql.schema_is_valid", 1, (context, a) =>
        {
            if (a[0] is not (StringValue or ObjectValue))
            {
                return BooleanValue.False;
            }

            try
            {
                return BooleanValue.From(GqlSchema.Load(Schema("graphql.schema_is_valid", a[0], 1), out _) is not null);
            }
            catch (BuiltinException)
            {
                return BooleanValue.False;
            }
        });
    }

    private static Value? Parse(BuiltinContext context, ReadOnlySpan<Value> a)
    {
        const string Name = "graphql.parse";
        var (query, positions) = Query(Name, a[0], 1);
        var schemaDoc = Schema(Name, a[1], 2);
        var schema = GqlSchema.Load(schemaDoc, out var error) ?? throw BuiltinException.Error(Name, error + " in GraphQL schema");
        if (GqlQueryValidator.Validate(schema, query, positions) is { } invalid)
        {
            throw BuiltinException.Error(Name, invalid.ToString());
        }

        return ArrayValue.From(query, schemaDoc);
    }

    private static (ObjectValue Query, ObjectValue Schema)? TryVerify(Value queryArg, Value schemaArg)
    {
        if (queryArg is not (StringValue or ObjectValue) || schemaArg is not (StringValue or ObjectValue))
        {
            return null;
        }

        try
        {
            var (query, positions) = Query("graphql.is_valid", queryArg, 1);
            var schemaDoc = Schema("graphql.is_valid", schemaArg, 2);
            var schema = GqlSchema.Load(schemaDoc, out _);
            return schema is not null && GqlQueryValidator.Validate(schema, query, positions) is null ? (query, schemaDoc) : null;
        }
        catch (BuiltinException)
        {
            return null;
        }
    }

    private static (ObjectValue Document, IReadOnlyDictionary<Value, (int, int)> Positions) Query(string builtin, Value operand, int index)
    {
        switch (operand)
        {
            case StringValue s:
                var (doc, parser) = GqlParser.ParseQuery(s.Value);
                return doc is not null ? (doc, parser.Positions) : throw BuiltinException.Error(builtin, parser.Error!.ToString());
            case ObjectValue o:
                return (o, NoPositions);
            default:
                throw BuiltinException.TypeError(builtin, index, "one of {string, object}", operand);
        }
    }

    private static ObjectValue Schema(string builtin, Value operand, int index)
    {
        switch (operand)
        {
            case StringValue s:
                var (doc, parser) = GqlParser.ParseSchema(s.Value);
                return doc ?? throw BuiltinException.Error(builtin, parser.Error!.ToString());
            case ObjectValue o:
                return o;
            default:
                throw BuiltinException.TypeError(builtin, index, "one of {string, object}", operand);
        }
    }
}
