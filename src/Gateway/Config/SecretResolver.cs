namespace AgentGate.Gateway.Config;

/// <summary>Resolves secret references; the resolved value is never logged or written anywhere.</summary>
internal static class SecretResolver
{
    public static string? Resolve(SecretReference reference, out string? problem)
    {
        problem = null;
        switch (reference.Source)
        {
            case SecretSource.Environment:
                var value = Environment.GetEnvironmentVariable(reference.Name);
                if (string.IsNullOrEmpty(value))
                {
                    problem = $"environment variable '{reference.Name}' is not set";
                    return null;
                }

                return value.Trim();
            default:
                if (!File.Exists(reference.Name))
                {
                    problem = $"secret file '{reference.Name}' does not exist";
                    return null;
                }

                var text = File.ReadAllText(reference.Name).Trim();
                if (text.Length == 0)
                {
                    problem = $"secret file '{reference.Name}' is empty";
                    return null;
                }

                return text;
        }
    }
}
