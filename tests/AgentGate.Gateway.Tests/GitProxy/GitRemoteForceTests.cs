using AgentGate.Gateway.Guards.Git;

namespace AgentGate.Gateway.Tests.GitProxy;

/// <summary>Remote (https) upstreams: force is decided from the commits in the pushed pack alone.</summary>
public sealed class GitRemoteForceTests
{
    private const string Branch = "refs/heads/agents/builder-17/r";

    [Fact]
    public async Task Push_FastForwardThroughRemoteUpstream_ProvenFromPack()
    {
        await using var f = await GitProxyFixture.StartRemoteAsync();
        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);
        await GitForceTests.CommitAsync(f, work, "two");
        await GitForceTests.CommitAsync(f, work, "three");

        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.Equal(await f.Git.CheckedAsync(work, "rev-parse", "HEAD"), await f.BareRefAsync(Branch));
        Assert.EndsWith($"updates: {Branch} fast-forward", (await GitForceTests.PushReasonsAsync(f))[^1]);
    }

    [Fact]
    public async Task Push_RewriteThroughRemoteUpstream_ForceUndecidedAndSaidSo()
    {
        await using var f = await GitProxyFixture.StartRemoteAsync();
        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);
        await f.Git.CheckedAsync(work, "commit", "--amend", "-m", "rewritten");

        await f.Git.CheckedAsync(work, "push", "--force", "origin", "HEAD:" + Branch);

        var reason = (await GitForceTests.PushReasonsAsync(f))[^1];
        Assert.Contains($"{Branch} force (undecided: the pushed commits do not reach the old value", reason);
    }

    [Fact]
    public async Task PackCommitWalker_CompleteUnrelatedHistory_NotAncestorElseUnknown()
    {
        var root = Directory.CreateTempSubdirectory("agentgate-walk-").FullName;
        try
        {
            var git = new GitCli(root);
            await git.CheckedAsync(root, "init", "-q", "repo");
            var repo = Path.Combine(root, "repo");
            await git.CheckedAsync(repo, "commit", "-q", "--allow-empty", "-m", "a");
            var a = await git.CheckedAsync(repo, "rev-parse", "HEAD");
            await git.CheckedAsync(repo, "commit", "-q", "--allow-empty", "-m", "b");
            var b = await git.CheckedAsync(repo, "rev-parse", "HEAD");
            var objects = Path.Combine(repo, ".git", "objects");
            var other = new string('e', 40);

            Assert.Equal(AncestryAnswer.Ancestor, PackCommitWalker.IsAncestor(objects, a, b));
            Assert.Equal(AncestryAnswer.NotAncestor, PackCommitWalker.IsAncestor(objects, other, b));
            Assert.Equal(AncestryAnswer.Unknown, PackCommitWalker.IsAncestor(objects, a, other));
            Assert.Equal(AncestryAnswer.Unknown, PackCommitWalker.IsAncestor(objects, other, b, maxCommits: 1));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
