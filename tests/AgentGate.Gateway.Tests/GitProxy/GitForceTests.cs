namespace AgentGate.Gateway.Tests.GitProxy;

/// <summary>The force flag of a push is computed from the pushed pack, not guessed (file:// upstream: exact).</summary>
public sealed class GitForceTests
{
    private const string Branch = "refs/heads/agents/builder-17/ff";

    [Fact]
    public async Task Push_FastForwardToOwnBranch_AllowedAndNotForce()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);
        await CommitAsync(f, work, "second");

        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.Equal(await f.Git.CheckedAsync(work, "rev-parse", "HEAD"), await f.BareRefAsync(Branch));
        var reasons = await PushReasonsAsync(f);
        Assert.EndsWith($"updates: {Branch} create", reasons[0]);
        Assert.EndsWith($"updates: {Branch} fast-forward", reasons[1]);
    }

    [Fact]
    public async Task Push_ForceRewritingHistory_IsForce()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);
        await f.Git.CheckedAsync(work, "commit", "--amend", "-m", "rewritten");

        await f.Git.CheckedAsync(work, "push", "--force", "origin", "HEAD:" + Branch);

        Assert.Equal(await f.Git.CheckedAsync(work, "rev-parse", "HEAD"), await f.BareRefAsync(Branch));
        Assert.EndsWith($"updates: {Branch} force", (await PushReasonsAsync(f))[^1]);
    }

    [Fact]
    public async Task Push_DeleteOwnBranch_IsDelete()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);

        await f.Git.CheckedAsync(work, "push", "origin", "--delete", Branch);

        Assert.False(await f.BareHasRefAsync(Branch));
        Assert.EndsWith($"updates: {Branch} delete", (await PushReasonsAsync(f))[^1]);
    }

    [Fact]
    public async Task Push_TagFastForwardVersusRewrite_PolicySeesComputedForce()
    {
        await using var f = await GitProxyFixture.StartAsync();
        await f.Git.CheckedAsync(f.Root, "--git-dir", f.BarePath, "update-ref", "refs/tags/v0", "main");
        var work = await f.CloneWithCommitAsync();

        var forward = await f.Git.RunAsync(work, "push", "--force", "origin", "HEAD:refs/tags/v0");
        await f.Git.CheckedAsync(work, "checkout", "-q", "--orphan", "other");
        await f.Git.CheckedAsync(work, "commit", "-q", "-m", "unrelated");
        var rewrite = await f.Git.RunAsync(work, "push", "--force", "origin", "HEAD:refs/tags/v0");

        Assert.Contains("git: pushing tag refs/tags/v0 needs approval", forward.Stderr);
        Assert.DoesNotContain("may not be moved", forward.Stderr);
        Assert.Contains("git: tag refs/tags/v0 may not be moved or deleted", rewrite.Stderr);
        Assert.Equal(await f.BareRefAsync("main"), await f.BareRefAsync("refs/tags/v0"));
    }

    internal static async Task CommitAsync(GitProxyFixture f, string work, string name)
    {
        await File.WriteAllTextAsync(Path.Combine(work, name + ".txt"), name + "\n");
        await f.Git.CheckedAsync(work, "add", name + ".txt");
        await f.Git.CheckedAsync(work, "commit", "-q", "-m", name);
    }

    internal static async Task<List<string>> PushReasonsAsync(GitProxyFixture f) =>
        (await f.Host.ReadAuditAsync()).Where(r => r.Target == "app:receive-pack" && r.Reason is not null && r.Reason.Contains("updates:", StringComparison.Ordinal))
            .Select(r => r.Reason!).ToList();
}
