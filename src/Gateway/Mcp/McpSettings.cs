using System.Globalization;
using AgentGate.Gateway.Config;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.Mcp;

/// <summary><c>AgentGate:Mcp</c>: the upstream MCP servers behind <c>/mcp/{server}</c> and the proxy's bounds.</summary>
internal sealed record McpSettings
{
    public const string SectionName = "AgentGate:Mcp";

    public IReadOnlyDictionary<string, McpServerConfig> Servers { get; init; } = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);

    /// <summary>Largest JSON-RPC request body an agent may send.</summary>
    public long MaxRequestBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>Largest single JSON response or SSE event the gateway reads to filter it.</summary>
    public long MaxResponseBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>How long the gateway waits for a stdio server to answer one request.</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A stdio server process nobody used for this long is stopped.</summary>
    public TimeSpan StdioIdleTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>Upper bound on stdio server processes running at once (all servers, all agents).</summary>
    public int MaxStdioProcesses { get; init; } = 64;

    public static McpSettings Read(IConfiguration configuration, List<ConfigError> problems)
    {
        var section = configuration.GetSection(SectionName);
        var defaults = new McpSettings();
        var servers = new Dictionary<string, McpServerConfig>(StringComparer.Ordinal);
        foreach (var child in section.GetSection("Servers").GetChildren())
        {
            if (McpServerConfigReader.Read(child, problems) is { } server)
            {
                servers[server.Name] = server;
            }
        }

        return new McpSettings
        {
            Servers = servers,
            MaxRequestBytes = ReadLong(section, "MaxRequestBytes", defaults.MaxRequestBytes, 1024, 256L * 1024 * 1024, problems),
            MaxResponseBytes = ReadLong(section, "MaxResponseBytes", defaults.MaxResponseBytes, 1024, 1024L * 1024 * 1024, problems),
            ResponseTimeout = TimeSpan.FromSeconds(ReadLong(section, "ResponseTimeoutSeconds", (long)defaults.ResponseTimeout.TotalSeconds, 1, 3600, problems)),
            StdioIdleTimeout = TimeSpan.FromSeconds(ReadLong(section, "StdioIdleTimeoutSeconds", (long)defaults.StdioIdleTimeout.TotalSeconds, 1, 7 * 24 * 3600, problems)),
            MaxStdioProcesses = (int)ReadLong(section, "MaxStdioProcesses", defaults.MaxStdioProcesses, 1, 10_000, problems),
        };
    }

    private static long ReadLong(IConfigurationSection section, string key, long fallback, long min, long max, List<ConfigError> problems)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add(new ConfigError($"{section.Path}:{key}", $"'{text}' must be an integer between {min} and {max}"));
        return fallback;
    }
}
