using System.Globalization;
using AgentGate.Gateway.Config;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// <c>AgentGate:Git</c> limits. <see cref="MaxPushBytes"/>: a push is spooled to disk (never memory) so its force flag
/// can be computed and its content scanned before anything reaches the upstream; larger pushes are refused.
/// The <c>Scan*</c> limits bound the credential scan of the pushed objects (<see cref="PushContentScanner"/>):
/// past one of them the push is refused (<see cref="ScanOverLimitPolicy.Refuse"/>, the default) or, when configured,
/// forwarded with the unscanned part named in the audit record (<see cref="ScanOverLimitPolicy.Allow"/>).
/// </summary>
internal sealed record GitProxyOptions(
    long MaxPushBytes,
    int MaxWalkCommits,
    int MaxScanObjects = GitProxyOptions.DefaultMaxScanObjects,
    long MaxScanBytes = GitProxyOptions.DefaultMaxScanBytes,
    long MaxScanObjectBytes = GitProxyOptions.DefaultMaxScanObjectBytes,
    ScanOverLimitPolicy ScanOverLimit = ScanOverLimitPolicy.Refuse)
{
    public const string Section = "AgentGate:Git";
    public const long DefaultMaxPushBytes = 1L << 30;
    public const int DefaultMaxScanObjects = 100_000;
    public const long DefaultMaxScanBytes = 2L << 30;
    public const long DefaultMaxScanObjectBytes = 64L << 20;

    public static GitProxyOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var problems = new List<ConfigError>();
        var max = Number(section, "MaxPushBytes", DefaultMaxPushBytes, 1024, "a byte count of at least 1024", problems);
        var walk = (int)Number(section, "MaxWalkCommits", Guards.Git.PackCommitWalker.DefaultMaxCommits, 1, "a positive number", problems, int.MaxValue);
        var objects = (int)Number(section, "MaxScanObjects", DefaultMaxScanObjects, 1, "a positive number", problems, int.MaxValue);
        var bytes = Number(section, "MaxScanBytes", DefaultMaxScanBytes, 1024, "a byte count of at least 1024", problems);
        var objectBytes = Number(section, "MaxScanObjectBytes", DefaultMaxScanObjectBytes, 1024, "a byte count of at least 1024", problems);
        var policy = ScanOverLimitPolicy.Refuse;
        if (section["ScanOverLimit"] is { Length: > 0 } p && !Enum.TryParse(p, ignoreCase: true, out policy))
        {
            problems.Add(new ConfigError(Section + ":ScanOverLimit", $"must be 'Refuse' or 'Allow', not '{p}'"));
        }

        return problems.Count > 0 ? throw new ConfigurationInvalidException(problems) : new GitProxyOptions(max, walk, objects, bytes, objectBytes, policy);
    }

    private static long Number(IConfigurationSection section, string key, long fallback, long min, string what, List<ConfigError> problems, long maxValue = long.MaxValue)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (long.TryParse(text, CultureInfo.InvariantCulture, out var value) && value >= min && value <= maxValue)
        {
            return value;
        }

        problems.Add(new ConfigError(Section + ":" + key, $"must be {what}, not '{text}'"));
        return fallback;
    }
}
