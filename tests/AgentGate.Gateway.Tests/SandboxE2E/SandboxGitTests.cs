namespace AgentGate.Gateway.Tests.SandboxE2E;

/// <summary>git inside the sandbox reaches the repo only through the gateway (insteadOf + credential helper from the environment).</summary>
[Collection(SandboxE2ECollection.Name)]
public sealed class SandboxGitTests(SandboxE2EFixture f)
{
    private const string CloneAndCommit = """
        set -e
        dir=$(mktemp -d /tmp/clone.XXXXXX)
        git clone -q "$1" "$dir" 2>&1
        cd "$dir"
        echo "$2" > change.txt
        git add change.txt
        git commit -q -m "change $2"
        git rev-parse HEAD
        """;

    [Fact]
    public async Task GitPush_Main_RefusedWithReasonPrintedByGit()
    {
        if (!f.Ready) return;
        var before = await f.Git.CheckedAsync(f.BarePath, "rev-parse", "main");

        var r = await f.ShAsync("builder-17", CloneAndCommit + "\ngit push origin HEAD:main", SandboxE2EFixture.RepoUrl, "to-main");

        Assert.False(r.Succeeded, r.Stdout + r.Stderr);
        Assert.Contains("[remote rejected] HEAD -> main", r.Stderr, StringComparison.Ordinal);
        Assert.Contains("refs/heads/main is protected", r.Stderr, StringComparison.Ordinal);
        Assert.Equal(before, await f.Git.CheckedAsync(f.BarePath, "rev-parse", "main"));
    }

    [Fact]
    public async Task GitPush_OwnAgentBranch_SucceedsAndLandsInUpstream()
    {
        if (!f.Ready) return;

        var r = await f.ShAsync("builder-17", CloneAndCommit + "\ngit push -q origin HEAD:refs/heads/agents/builder-17/e2e 2>&1", SandboxE2EFixture.RepoUrl, "own-branch");

        Assert.True(r.Succeeded, r.Stdout + r.Stderr);
        var head = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
        Assert.Equal(head, await f.Git.CheckedAsync(f.BarePath, "rev-parse", "refs/heads/agents/builder-17/e2e"));
        var audit = await f.Host!.ReadAuditAsync();
        Assert.Contains(audit, a => (a.Kind, a.Target, a.Decision, a.Agent, a.Task) == ("git", "app:receive-pack", "allow", "builder-17", "ISSUE-342"));
    }
}
