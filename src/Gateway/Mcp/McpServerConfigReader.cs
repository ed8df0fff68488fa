using AgentGate.Gateway.Config;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.Mcp;

/// <summary>Reads and validates one <c>AgentGate:Mcp:Servers:&lt;name&gt;</c> entry, collecting every problem.</summary>
internal static class McpServerConfigReader
{
    public static McpServerConfig? Read(IConfigurationSection child, List<ConfigError> problems)
    {
        var before = problems.Count;
        var name = child.Key;
        if (!IsValidName(name))
        {
            problems.Add(new ConfigError(child.Path, $"MCP server name '{name}' must be lowercase letters, digits, '-', '_' or '.'"));
        }

        var urlText = child["Url"];
        var command = child["Command"];
        if (string.IsNullOrWhiteSpace(urlText) == string.IsNullOrWhiteSpace(command))
        {
            problems.Add(new ConfigError(child.Path, "set exactly one of Url (an HTTP MCP server) or Command (a stdio MCP server)"));
            return null;
        }

        var server = string.IsNullOrWhiteSpace(command) ? ReadHttp(child, name, urlText!, problems) : ReadStdio(child, name, command, problems);
        return problems.Count == before ? server : null;
    }

    private static McpServerConfig ReadHttp(IConfigurationSection child, string name, string urlText, List<ConfigError> problems)
    {
        if (!Uri.TryCreate(urlText, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(new ConfigError($"{child.Path}:Url", $"'{urlText}' is not an absolute http(s) URL"));
        }

        SecretReference? secret = null;
        var secretText = child["Secret"];
        if (!string.IsNullOrEmpty(secretText) && !SecretReference.TryParse(secretText, out secret))
        {
            // A literal secret: name the key but never echo the value.
            problems.Add(new ConfigError($"{child.Path}:Secret", "literal secret values are not allowed; use env:NAME or file:PATH"));
        }

        var (headerName, prefix) = ParseSecretHeader(child["SecretHeader"], $"{child.Path}:SecretHeader", problems);
        return new McpServerConfig { Name = name, Url = url, Secret = secret, SecretHeaderName = headerName, SecretPrefix = prefix };
    }

    private static McpServerConfig ReadStdio(IConfigurationSection child, string name, string command, List<ConfigError> problems)
    {
        if (child["Secret"] is { Length: > 0 })
        {
            problems.Add(new ConfigError($"{child.Path}:Secret", "a stdio server takes its credentials through Env (values may be env:NAME or file:PATH)"));
        }

        var args = child.GetSection("Args").GetChildren().OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue).Select(c => c.Value ?? string.Empty).ToArray();
        var env = new Dictionary<string, McpEnvValue>(StringComparer.Ordinal);
        foreach (var variable in child.GetSection("Env").GetChildren())
        {
            env[variable.Key] = McpEnvValue.Parse(variable.Value ?? string.Empty);
        }

        var directory = child["WorkingDirectory"];
        if (!string.IsNullOrWhiteSpace(directory) && !Directory.Exists(directory))
        {
            problems.Add(new ConfigError($"{child.Path}:WorkingDirectory", $"'{directory}' is not a directory"));
        }

        return new McpServerConfig { Name = name, Command = command, Args = args, Env = env, WorkingDirectory = string.IsNullOrWhiteSpace(directory) ? null : directory };
    }

    /// <summary><c>Authorization: Bearer</c> (the default) → header Authorization, prefix Bearer; <c>X-Api-Key</c> → bare value.</summary>
    private static (string Name, string Prefix) ParseSecretHeader(string? text, string path, List<ConfigError> problems)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return ("Authorization", "Bearer");
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var headerName = (colon < 0 ? text : text[..colon]).Trim();
        var prefix = colon < 0 ? string.Empty : text[(colon + 1)..].Trim();
        if (headerName.Length == 0 || !headerName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            problems.Add(new ConfigError(path, $"'{text}' must be a header name, optionally followed by ': Prefix' (e.g. 'Authorization: Bearer')"));
        }

        return (headerName, prefix);
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.');
}
