namespace AgentGate.Policy.Compilation;

/// <summary>One compile-time problem with OPA's code and a <c>file:line:column</c> location.</summary>
public sealed record CompileError(string Code, string Message, string Location)
{
    public override string ToString() => string.IsNullOrEmpty(Location) ? $"{Code}: {Message}" : $"{Location}: {Code}: {Message}";
}
