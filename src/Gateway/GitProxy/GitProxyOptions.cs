using AgentGate.Gateway.Config;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// <c>AgentGate:Git</c> limits. <see cref="MaxPushBytes"/>: a push that updates an existing ref is spooled to disk
/// (never memory) so its force flag can be computed before anything reaches the upstream; larger pushes are refused.
/// </summary>
internal sealed record GitProxyOptions(long MaxPushBytes, int MaxWalkCommits)
{
    public const string Section = "AgentGate:Git";
    public const long DefaultMaxPushBytes = 1L << 30;

    public static GitProxyOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var problems = new List<ConfigError>();
        var max = DefaultMaxPushBytes;
        if (section["MaxPushBytes"] is { Length: > 0 } text && (!long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out max) || max < 1024))
        {
            problems.Add(new ConfigError(Section + ":MaxPushBytes", $"must be a byte count of at least 1024, not '{text}'"));
        }

        var walk = Guards.Git.PackCommitWalker.DefaultMaxCommits;
        if (section["MaxWalkCommits"] is { Length: > 0 } w && (!int.TryParse(w, System.Globalization.CultureInfo.InvariantCulture, out walk) || walk < 1))
        {
            problems.Add(new ConfigError(Section + ":MaxWalkCommits", $"must be a positive number, not '{w}'"));
        }

        return problems.Count > 0 ? throw new ConfigurationInvalidException(problems) : new GitProxyOptions(max, walk);
    }
}
