using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.Config;

internal static partial class ConfigReader
{
    private static Dictionary<string, ProviderConfig> ReadProviders(IConfigurationSection section, List<ConfigError> problems)
    {
        var providers = new Dictionary<string, ProviderConfig>(StringComparer.Ordinal);
        foreach (var child in section.GetChildren())
        {
            var name = child.Key;
            if (!IsValidName(name))
            {
                problems.Add(new ConfigError(child.Path, $"provider name '{name}' must be lowercase letters, digits, '-', '_' or '.'"));
            }

            var typeSection = child.GetSection("Type");
            ProviderType? type = typeSection.Value?.ToLowerInvariant() switch
            {
                "anthropic" => ProviderType.Anthropic,
                "openai" => ProviderType.OpenAI,
                _ => null,
            };
            if (type is null)
            {
                problems.Add(new ConfigError(typeSection.Path, $"'{typeSection.Value}' is not a provider type (anthropic, openai)"));
            }

            var urlSection = child.GetSection("BaseUrl");
            if (!Uri.TryCreate(urlSection.Value, UriKind.Absolute, out var baseUrl)
                || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps)
                || !string.IsNullOrEmpty(baseUrl.Query))
            {
                problems.Add(new ConfigError(urlSection.Path, $"'{urlSection.Value}' is not an absolute http(s) URL"));
                baseUrl = null;
            }

            var secretSection = child.GetSection("Secret");
            SecretReference? secret = null;
            if (string.IsNullOrEmpty(secretSection.Value))
            {
                problems.Add(new ConfigError(secretSection.Path, "is required (env:NAME or file:PATH)"));
            }
            else if (!SecretReference.TryParse(secretSection.Value, out secret))
            {
                // The value is a literal secret: name the key but never echo the value.
                problems.Add(new ConfigError(secretSection.Path, "literal secret values are not allowed; use env:NAME or file:PATH"));
            }

            if (type is not null && baseUrl is not null && secret is not null)
            {
                providers[name] = new ProviderConfig(name, type.Value, baseUrl, secret);
            }
        }

        return providers;
    }

    private static Dictionary<string, AgentConfig> ReadAgents(IConfigurationSection section, List<ConfigError> problems)
    {
        var agents = new Dictionary<string, AgentConfig>(StringComparer.Ordinal);
        foreach (var child in section.GetChildren())
        {
            if (!IsValidName(child.Key))
            {
                problems.Add(new ConfigError(child.Path, $"agent id '{child.Key}' must be lowercase letters, digits, '-', '_' or '.'"));
                continue;
            }

            var role = ReadString(child.GetSection("Role"), null, problems);
            var lane = child.GetSection("Lane").Value ?? string.Empty;
            var owner = child.GetSection("Owner").Value ?? string.Empty;
            agents[child.Key] = new AgentConfig(child.Key, role, lane, owner);
        }

        return agents;
    }

    private static TokenConfig ReadTokens(IConfigurationSection section, List<ConfigError> problems)
    {
        var max = ReadLong(section.GetSection("MaxTtlSeconds"), 7 * 24 * 3600, 1, 365L * 24 * 3600, problems);
        var defaultTtl = ReadLong(section.GetSection("DefaultTtlSeconds"), Math.Min(3600, max), 1, 365L * 24 * 3600, problems);
        if (defaultTtl > max)
        {
            problems.Add(new ConfigError(section.GetSection("DefaultTtlSeconds").Path, $"'{defaultTtl}' exceeds MaxTtlSeconds ({max})"));
        }

        return new TokenConfig(TimeSpan.FromSeconds(defaultTtl), TimeSpan.FromSeconds(max));
    }

    private static ProxyConfig ReadProxy(IConfigurationSection section, List<ConfigError> problems) =>
        new(
            ReadLong(section.GetSection("MaxRequestBytes"), 32L * 1024 * 1024, 1024, 1024L * 1024 * 1024, problems),
            TimeSpan.FromSeconds(ReadLong(section.GetSection("ConnectTimeoutSeconds"), 10, 1, 300, problems)),
            TimeSpan.FromSeconds(ReadLong(section.GetSection("ActivityTimeoutSeconds"), 300, 1, 3600, problems)));

    private static bool IsValidName(string name)
    {
        if (name.Length is 0 or > 64)
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
