using AgentGate.Gateway.Config;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// <c>AgentGate:Policy</c>: where the Rego bundle comes from and how it is activated. With no
/// <see cref="Path"/> the bundle shipped inside the executable (the repository's <c>policies/</c>) is used.
/// </summary>
internal sealed record PolicySettings
{
    public const string SectionName = "AgentGate:Policy";

    public string? Path { get; init; }

    /// <summary>Run the bundle's <c>test_*</c> rules before activating it; a failing test keeps the old bundle.</summary>
    public bool RunTestsOnLoad { get; init; } = true;

    public bool Watch { get; init; } = true;

    public TimeSpan EvaluationTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reuse model-call decisions of pure evaluations for equal inputs (see DecisionMemo).</summary>
    public bool DecisionMemo { get; init; } = true;

    public TimeSpan ApprovalTtl { get; init; } = TimeSpan.FromHours(1);

    /// <summary>The workspace root inside sandboxes; file paths are made relative to it.</summary>
    public string WorkspaceRoot { get; init; } = "/workspace";

    public static PolicySettings Read(IConfiguration configuration, List<ConfigError> problems)
    {
        var section = configuration.GetSection(SectionName);
        var settings = new PolicySettings();
        var path = section["Path"];
        if (!string.IsNullOrWhiteSpace(path) && !Directory.Exists(path))
        {
            problems.Add(new ConfigError($"{SectionName}:Path", $"'{path}' is not a directory"));
        }

        return settings with
        {
            Path = string.IsNullOrWhiteSpace(path) ? null : System.IO.Path.GetFullPath(path),
            RunTestsOnLoad = ReadBool(section, "RunTestsOnLoad", true, problems),
            Watch = ReadBool(section, "Watch", true, problems),
            DecisionMemo = ReadBool(section, "DecisionMemo", true, problems),
            EvaluationTimeout = ReadDuration(section, "EvaluationTimeout", settings.EvaluationTimeout, problems),
            ApprovalTtl = ReadDuration(section, "ApprovalTtl", settings.ApprovalTtl, problems),
            WorkspaceRoot = section["WorkspaceRoot"] is { Length: > 0 } root ? root : settings.WorkspaceRoot,
        };
    }

    private static bool ReadBool(IConfigurationSection section, string key, bool fallback, List<ConfigError> problems)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        problems.Add(new ConfigError($"{section.Path}:{key}", $"'{text}' is not true or false"));
        return fallback;
    }

    private static TimeSpan ReadDuration(IConfigurationSection section, string key, TimeSpan fallback, List<ConfigError> problems)
    {
        var text = section[key];
        if (text is null)
        {
            return fallback;
        }

        if (TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        problems.Add(new ConfigError($"{section.Path}:{key}", $"'{text}' is not a positive duration like 00:00:00.250"));
        return fallback;
    }
}
