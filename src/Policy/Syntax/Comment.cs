namespace AgentGate.Policy.Syntax;

/// <summary>A <c>#</c> comment: where it starts and its text after the <c>#</c>.</summary>
internal readonly record struct Comment(int Line, int Column, string Text);
