using AgentGate.Gateway.Config;

namespace AgentGate.Gateway.GitProxy;

/// <summary>One repository served under <c>/git/{Name}/</c>: a local bare repository (file://) or an https upstream.</summary>
internal sealed record GitRepo(string Name, Uri Upstream, SecretReference? Secret)
{
    public bool IsLocal => Upstream.IsFile;

    /// <summary>The bare repository's directory for file:// upstreams.</summary>
    public string LocalPath => Path.TrimEndingDirectorySeparator(Upstream.LocalPath);
}
