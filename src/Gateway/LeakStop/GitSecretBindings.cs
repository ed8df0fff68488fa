using AgentGate.Gateway.Config;
using AgentGate.Gateway.GitProxy;
using AgentGate.Gateway.Guards.Leaks;
using Microsoft.Extensions.Configuration;

namespace AgentGate.Gateway.LeakStop;

/// <summary>
/// The secrets of https git upstreams (<c>AgentGate:Git:Repos:&lt;name&gt;:Secret</c>), each bound to its upstream's
/// host. A <c>user:password</c> secret is registered whole and by its password part.
/// </summary>
internal static class GitSecretBindings
{
    public static IEnumerable<RegisteredSecret> Read(IConfiguration? configuration, int maxBytes)
    {
        if (configuration is null)
        {
            yield break;
        }

        GitRepoCatalog catalog;
        try
        {
            catalog = GitRepoCatalog.Read(configuration);
        }
        catch (ConfigurationInvalidException)
        {
            // The git proxy reports its configuration errors at start; nothing to bind here.
            yield break;
        }

        foreach (var repo in catalog.Repos)
        {
            if (repo.Secret is not { } reference || SecretResolver.Resolve(reference, out _) is not { } value)
            {
                continue;
            }

            var colon = value.IndexOf(':', StringComparison.Ordinal);
            foreach (var part in colon > 0 ? [value, value[(colon + 1)..]] : new[] { value })
            {
                if (System.Text.Encoding.UTF8.GetByteCount(part) is >= 8 and var n && n <= maxBytes)
                {
                    yield return new RegisteredSecret("git:" + repo.Name, part, [repo.Upstream.Host]);
                }
            }
        }
    }
}
