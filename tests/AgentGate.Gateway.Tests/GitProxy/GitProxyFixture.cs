using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.GitProxy;

/// <summary>
/// A bare repository <c>app.git</c> (one commit on main, plus release/1 and another agent's branch) in a temp
/// directory, a gateway serving it as <c>/git/app</c>, and a token for builder-17.
/// </summary>
internal sealed class GitProxyFixture : IAsyncDisposable
{
    private GitProxyFixture(string root, GitCli git, GatewayTestHost host, string token)
    {
        Root = root;
        Git = git;
        Host = host;
        Token = token;
    }

    public string Root { get; }
    public GitCli Git { get; }
    public GatewayTestHost Host { get; }
    public string Token { get; }
    public string BarePath => Path.Combine(Root, "app.git");

    /// <summary>Set by <see cref="StartRemoteAsync"/>: the stand-in remote host serving <see cref="BarePath"/>.</summary>
    public GitRemoteUpstream? Remote { get; private set; }

    public string CloneUrl => $"http://agent:{Token}@127.0.0.1:{Host.Gateway.AgentAddress.Port}/git/app";

    public static async Task<GitProxyFixture> StartAsync(Func<string, Task<Dictionary<string, string?>>>? repoSettings = null)
    {
        var root = Directory.CreateTempSubdirectory("agentgate-git-").FullName;
        var git = new GitCli(root);
        var bare = Path.Combine(root, "app.git");
        var seed = Path.Combine(root, "seed");
        await git.CheckedAsync(root, "init", "--bare", bare);
        await git.CheckedAsync(root, "init", seed);
        await File.WriteAllTextAsync(Path.Combine(seed, "README"), "hello\n");
        await git.CheckedAsync(seed, "add", "README");
        await git.CheckedAsync(seed, "commit", "-m", "first");
        await git.CheckedAsync(seed, "push", bare, "main", "main:release/1", "main:agents/other-1/x");
        var settings = repoSettings is null
            ? new Dictionary<string, string?> { ["AgentGate:Git:Repos:app:Upstream"] = new Uri(bare).AbsoluteUri }
            : await repoSettings(bare);
        var host = await GatewayTestHost.StartAsync(extra: settings);
        var token = await host.IssueTokenAsync();
        return new GitProxyFixture(root, git, host, token);
    }

    /// <summary>The repository behind a loopback stand-in for a remote git host (no auth expected), configured as the upstream of <c>app</c>.</summary>
    public static async Task<GitProxyFixture> StartRemoteAsync()
    {
        GitRemoteUpstream? remote = null;
        var f = await StartAsync(async bare =>
        {
            remote = await GitRemoteUpstream.StartAsync(bare, string.Empty);
            return new() { ["AgentGate:Git:Repos:app:Upstream"] = remote.RepoUrl.AbsoluteUri };
        });
        f.Remote = remote;
        return f;
    }

    /// <summary>Clones through the gateway into a new directory and adds a commit on a fresh branch.</summary>
    public async Task<string> CloneWithCommitAsync(string name = "work")
    {
        var work = Path.Combine(Root, name);
        await Git.CheckedAsync(Root, "clone", CloneUrl, work);
        await File.WriteAllTextAsync(Path.Combine(work, "change.txt"), name + "\n");
        await Git.CheckedAsync(work, "add", "change.txt");
        await Git.CheckedAsync(work, "commit", "-m", "change " + name);
        return work;
    }

    public Task<string> BareRefAsync(string name) => Git.CheckedAsync(BarePath, "rev-parse", "--verify", "-q", name);

    public async Task<bool> BareHasRefAsync(string name) => (await Git.RunAsync(BarePath, "rev-parse", "--verify", "-q", name)).ExitCode == 0;

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        if (Remote is not null)
        {
            await Remote.DisposeAsync();
        }

        Directory.Delete(Root, recursive: true);
    }
}
