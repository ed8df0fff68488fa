namespace AgentGate.Policy.Syntax;

/// <summary>A string template: parts are <see cref="string"/> literals or <see cref="Term"/>s.</summary>
internal sealed record TemplateTerm(Loc Loc, object[] Parts) : Term(Loc);
