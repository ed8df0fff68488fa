namespace AgentGate.Policy.Syntax;

internal sealed record Import(Loc Loc, string Root, string[] Path, string Alias);
