namespace AgentGate.Policy.Builtins.Extended.JsonSchema;

/// <summary>One validation failure: gojsonschema's type, field and description.</summary>
internal sealed record JsonSchemaError(string Type, string Field, string Description);
