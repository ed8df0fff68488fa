namespace AgentGate.Gateway.Config;

/// <summary>Thrown at start-up when the configuration snapshot has problems; lists all of them.</summary>
internal sealed class ConfigurationInvalidException : Exception
{
    public ConfigurationInvalidException(IReadOnlyList<ConfigError> errors)
        : base("Invalid AgentGate configuration:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
    {
        Errors = errors;
    }

    public IReadOnlyList<ConfigError> Errors { get; }
}
