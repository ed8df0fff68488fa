using AgentGate.Gateway.Config;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.GitProxy;

/// <summary>The repositories of <c>AgentGate:Git:Repos:&lt;name&gt;</c> (keys <c>Upstream</c>, <c>Secret</c>).</summary>
internal sealed class GitRepoCatalog
{
    public const string Section = "AgentGate:Git:Repos";

    private readonly Dictionary<string, GitRepo> _repos;

    public GitRepoCatalog(IEnumerable<GitRepo> repos) =>
        _repos = repos.ToDictionary(r => r.Name, StringComparer.Ordinal);

    public IReadOnlyCollection<GitRepo> Repos => _repos.Values;

    public GitRepo? Find(string name) => _repos.GetValueOrDefault(name);

    /// <summary>Reads the section; throws <see cref="ConfigurationInvalidException"/> listing every problem.</summary>
    public static GitRepoCatalog Read(IConfiguration configuration)
    {
        var repos = new List<GitRepo>();
        var problems = new List<ConfigError>();
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var path = section.Path;
            if (!Uri.TryCreate(section["Upstream"], UriKind.Absolute, out var upstream) || !(upstream.IsFile || upstream.Scheme == Uri.UriSchemeHttps || (upstream.Scheme == Uri.UriSchemeHttp && upstream.IsLoopback)))
            {
                problems.Add(new ConfigError(path + ":Upstream", "must be a file:// or https:// URL (http:// only on loopback)"));
                continue;
            }

            SecretReference? secret = null;
            if (section["Secret"] is { Length: > 0 } text && !SecretReference.TryParse(text, out secret))
            {
                problems.Add(new ConfigError(path + ":Secret", "must be env:NAME or file:PATH"));
                continue;
            }

            repos.Add(new GitRepo(section.Key, upstream, secret));
        }

        return problems.Count > 0 ? throw new ConfigurationInvalidException(problems) : new GitRepoCatalog(repos);
    }
}
