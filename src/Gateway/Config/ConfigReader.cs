using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.Config;

/// <summary>
/// Reads the <c>AgentGate</c> section into an immutable <see cref="GatewayConfig"/>, collecting every
/// problem instead of stopping at the first, so one start-up attempt shows the whole list.
/// </summary>
internal static partial class ConfigReader
{
    public const string SectionName = "AgentGate";

    public static GatewayConfig ReadOrThrow(IConfiguration configuration)
    {
        var config = Read(configuration, out var errors);
        return errors.Count == 0 ? config! : throw new ConfigurationInvalidException(errors);
    }

    public static GatewayConfig? Read(IConfiguration configuration, out IReadOnlyList<ConfigError> errors)
    {
        var problems = new List<ConfigError>();
        var root = configuration.GetSection(SectionName);

        var listeners = ReadListeners(root.GetSection("Listeners"), problems);
        var adminToken = ReadOptionalSecret(root.GetSection("AdminToken"), problems);
        var providers = ReadProviders(root.GetSection("Providers"), problems);
        var agents = ReadAgents(root.GetSection("Agents"), problems);
        var audit = new AuditConfig(ReadString(root.GetSection("Audit:Path"), "data/audit.jsonl", problems));
        var tokens = ReadTokens(root.GetSection("Tokens"), problems);
        var proxy = ReadProxy(root.GetSection("Proxy"), problems);
        var policy = AgentGate.Gateway.Enforcement.PolicySettings.Read(configuration, problems);
        var mcp = AgentGate.Gateway.Mcp.McpSettings.Read(configuration, problems);

        errors = problems;
        return problems.Count == 0
            ? new GatewayConfig(listeners, adminToken, providers, agents, audit, tokens, proxy) { Policy = policy, Mcp = mcp }
            : null;
    }

    private static ListenerConfig ReadListeners(IConfigurationSection section, List<ConfigError> problems) =>
        new(
            ReadEndpoint(section.GetSection("Agent"), "http://127.0.0.1:8080", problems),
            ReadEndpoint(section.GetSection("Admin"), "http://127.0.0.1:9090", problems));

    private static IPEndPoint ReadEndpoint(IConfigurationSection section, string fallback, List<ConfigError> problems)
    {
        var text = section.Value ?? fallback;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp
            || uri.AbsolutePath != "/" || uri.Port is < 0 or > 65535)
        {
            problems.Add(new ConfigError(section.Path, $"'{text}' is not a listener address like http://127.0.0.1:8080"));
            return new IPEndPoint(IPAddress.Loopback, 0);
        }

        var host = uri.Host.Trim('[', ']');
        IPAddress? address = host switch
        {
            "localhost" => IPAddress.Loopback,
            "*" or "+" or "0.0.0.0" => IPAddress.Any,
            _ => IPAddress.TryParse(host, out var parsed) ? parsed : null,
        };
        if (address is null)
        {
            problems.Add(new ConfigError(section.Path, $"'{text}' must name an IP address, localhost or *"));
            return new IPEndPoint(IPAddress.Loopback, 0);
        }

        return new IPEndPoint(address, uri.Port);
    }

    private static SecretReference? ReadOptionalSecret(IConfigurationSection section, List<ConfigError> problems)
    {
        if (string.IsNullOrEmpty(section.Value))
        {
            return null;
        }

        if (SecretReference.TryParse(section.Value, out var reference))
        {
            return reference;
        }

        problems.Add(new ConfigError(section.Path, "literal secret values are not allowed; use env:NAME or file:PATH"));
        return null;
    }

    private static string ReadString(IConfigurationSection section, string? fallback, List<ConfigError> problems)
    {
        var value = section.Value ?? fallback;
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new ConfigError(section.Path, "is required"));
            return string.Empty;
        }

        return value;
    }

    private static long ReadLong(IConfigurationSection section, long fallback, long min, long max, List<ConfigError> problems)
    {
        if (section.Value is null)
        {
            return fallback;
        }

        if (long.TryParse(section.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add(new ConfigError(section.Path, $"'{section.Value}' must be an integer between {min} and {max}"));
        return fallback;
    }
}
