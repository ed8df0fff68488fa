using System.Text;

namespace AgentGate.Gateway.Tests.GitProxy;

public sealed class GitRemoteForwardingTests
{
    private const string Secret = "ghp_remote-host-secret";

    [Fact]
    public async Task CloneAndPush_RemoteUpstream_InjectsSecretAndNeverForwardsAgentToken()
    {
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + Secret));
        GitRemoteUpstream? remote = null;
        var variable = "AG_TEST_GIT_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Secret);
        await using var f = await GitProxyFixture.StartAsync(async bare =>
        {
            remote = await GitRemoteUpstream.StartAsync(bare, expected);
            return new() { ["AgentGate:Git:Repos:app:Upstream"] = remote.RepoUrl.AbsoluteUri, ["AgentGate:Git:Repos:app:Secret"] = "env:" + variable };
        });
        await using var upstream = remote!;

        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:refs/heads/agents/builder-17/remote");

        Assert.Equal(await f.Git.CheckedAsync(work, "rev-parse", "HEAD"), await f.BareRefAsync("refs/heads/agents/builder-17/remote"));
        Assert.NotEmpty(upstream.Seen);
        Assert.All(upstream.Seen, s => Assert.Equal(expected, s.Authorization));
        Assert.Contains(upstream.Seen, s => s.Path.EndsWith("/git-receive-pack", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Push_MainToRemoteUpstream_RefusedWithoutReachingIt()
    {
        await using var f = await GitProxyFixture.StartRemoteAsync();
        var upstream = f.Remote!;
        var work = await f.CloneWithCommitAsync();

        var result = await f.Git.RunAsync(work, "push", "origin", "HEAD:main");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("git: refs/heads/main is protected", result.Stderr);
        Assert.DoesNotContain(upstream.Seen, s => s.Path.EndsWith("/git-receive-pack", StringComparison.Ordinal));
    }
}
