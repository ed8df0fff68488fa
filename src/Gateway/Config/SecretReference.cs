namespace AgentGate.Gateway.Config;

/// <summary>A reference to a secret held outside the configuration document: <c>env:NAME</c> or <c>file:PATH</c>.</summary>
internal sealed record SecretReference(SecretSource Source, string Name)
{
    public static bool TryParse(string? text, out SecretReference? reference)
    {
        reference = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (text.StartsWith("env:", StringComparison.Ordinal) && text.Length > 4)
        {
            reference = new SecretReference(SecretSource.Environment, text[4..]);
        }
        else if (text.StartsWith("file:", StringComparison.Ordinal) && text.Length > 5)
        {
            reference = new SecretReference(SecretSource.File, text[5..]);
        }

        return reference is not null;
    }

    public override string ToString() => (Source == SecretSource.Environment ? "env:" : "file:") + Name;
}
