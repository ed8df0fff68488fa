namespace AgentGate.Policy.Builtins.Extended.Graphql;

/// <summary>A GraphQL parse or validation error with its source location.</summary>
internal sealed record GqlError(string Message, int Line, int Column)
{
    public override string ToString() => Line > 0
        ? $"{Message} in GraphQL string at location {Line}:{Column}"
        : $"{Message} in GraphQL string";
}
