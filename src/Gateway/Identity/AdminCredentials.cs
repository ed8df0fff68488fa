using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.Identity;

/// <summary>Resolves the configured admin token, or generates one when none is configured.</summary>
internal static class AdminCredentials
{
    public static AdminCredential Create(GatewayConfig config)
    {
        if (config.AdminToken is null)
        {
            return AdminCredential.Generate();
        }

        var token = SecretResolver.Resolve(config.AdminToken, out var problem);
        return token is not null
            ? new AdminCredential(token, generated: false)
            : throw new ConfigurationInvalidException([new ConfigError("AgentGate:AdminToken", $"'{config.AdminToken}' cannot be resolved: {problem}")]);
    }
}
