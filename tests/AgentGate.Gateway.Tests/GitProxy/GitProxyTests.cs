using System.Net;
using System.Net.Http.Json;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.GitProxy;

public sealed class GitProxyTests
{
    [Fact]
    public async Task Clone_ThroughGateway_ChecksOutMainAndFetchWorks()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = Path.Combine(f.Root, "clone");

        await f.Git.CheckedAsync(f.Root, "clone", f.CloneUrl, work);
        await f.Git.CheckedAsync(f.Root, "--git-dir", f.BarePath, "update-ref", "refs/heads/agents/builder-17/later", "main");
        await f.Git.CheckedAsync(work, "fetch", "origin");

        Assert.Equal("hello\n", await File.ReadAllTextAsync(Path.Combine(work, "README")));
        Assert.Equal(await f.BareRefAsync("main"), await f.Git.CheckedAsync(work, "rev-parse", "origin/agents/builder-17/later"));
        var records = await f.Host.ReadAuditAsync();
        Assert.Contains(records, r => (r.Kind, r.Target, r.Decision, r.Rule) == ("git", "app:upload-pack", "allow", "agentgate.git"));
        Assert.All(records.Where(r => r.Kind == "git" && r.Decision == "allow"), r => Assert.StartsWith("sha256:", r.PolicyRevision));
    }

    [Fact]
    public async Task Push_OwnAgentBranch_SucceedsAndBareRepoHasRef()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        var head = await f.Git.CheckedAsync(work, "rev-parse", "HEAD");

        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:refs/heads/agents/builder-17/x");

        Assert.Equal(head, await f.BareRefAsync("refs/heads/agents/builder-17/x"));
        var records = await f.Host.ReadAuditAsync();
        Assert.Contains(records, r => (r.Kind, r.Target, r.Decision, r.Agent) == ("git", "app:receive-pack", "allow", "builder-17") && r.PolicyRevision is not null);
    }

    [Fact]
    public async Task Push_Main_RefusedWithPolicyReasonAndMainUnchanged()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var before = await f.BareRefAsync("main");
        var work = await f.CloneWithCommitAsync();

        var result = await f.Git.RunAsync(work, "push", "origin", "HEAD:main");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("[remote rejected] HEAD -> main", result.Stderr);
        Assert.Contains("git: refs/heads/main is protected", result.Stderr);
        Assert.Equal(before, await f.BareRefAsync("main"));
        var record = (await f.Host.ReadAuditAsync()).Last(r => r.Target == "app:receive-pack");
        Assert.Equal(("deny", "agentgate.git"), (record.Decision, record.Rule));
        Assert.Contains("refs/heads/main is protected", record.Reason);
    }

    [Fact]
    public async Task Push_ForceToAnotherAgentsBranch_Refused()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var before = await f.BareRefAsync("refs/heads/agents/other-1/x");
        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "commit", "--amend", "-m", "rewritten");

        var result = await f.Git.RunAsync(work, "push", "--force", "origin", "HEAD~1:refs/heads/agents/other-1/x", "HEAD:refs/heads/agents/other-1/x2");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("is outside the branches of agent builder-17", result.Stderr);
        Assert.Equal(before, await f.BareRefAsync("refs/heads/agents/other-1/x"));
        Assert.False(await f.BareHasRefAsync("refs/heads/agents/other-1/x2"));
    }

    [Fact]
    public async Task Push_Tag_RefusedAsApprovalRequiredWithApprovalId()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "tag", "v1.0");

        var result = await f.Git.RunAsync(work, "push", "origin", "refs/tags/v1.0");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("approval required (", result.Stderr);
        Assert.Contains("git: pushing tag refs/tags/v1.0 needs approval", result.Stderr);
        Assert.False(await f.BareHasRefAsync("refs/tags/v1.0"));
        var record = (await f.Host.ReadAuditAsync()).Last(r => r.Target == "app:receive-pack");
        Assert.Equal("deny", record.Decision);
        Assert.NotNull(record.ApprovalId);
        Assert.Contains(record.ApprovalId, result.Stderr);
    }

    [Fact]
    public async Task Push_TagAfterApproval_Succeeds()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "tag", "v1.1");
        await f.Git.RunAsync(work, "push", "origin", "refs/tags/v1.1");
        var id = (await f.Host.ReadAuditAsync()).Last(r => r.Target == "app:receive-pack").ApprovalId;

        using var approve = await f.Host.Admin.PostAsJsonAsync($"/admin/approvals/{id}/approve", new { approver = "alice" });
        approve.EnsureSuccessStatusCode();
        await f.Git.CheckedAsync(work, "push", "origin", "refs/tags/v1.1");

        Assert.Equal(await f.Git.CheckedAsync(work, "rev-parse", "v1.1"), await f.BareRefAsync("refs/tags/v1.1"));
        var record = (await f.Host.ReadAuditAsync()).Last(r => r.Target == "app:receive-pack");
        Assert.Equal(("allow", id), (record.Decision, record.ApprovalId));
    }

    [Fact]
    public async Task Push_DeleteProtectedBranch_Refused()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();

        var result = await f.Git.RunAsync(work, "push", "origin", "--delete", "release/1");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("git: refs/heads/release/1 is protected", result.Stderr);
        Assert.True(await f.BareHasRefAsync("refs/heads/release/1"));
    }

    [Fact]
    public async Task InfoRefs_WithoutToken_401WithBasicChallenge()
    {
        await using var f = await GitProxyFixture.StartAsync();

        using var response = await f.Host.Agent.GetAsync("/git/app/info/refs?service=git-upload-pack");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Basic realm=\"agentgate\"", response.Headers.WwwAuthenticate.ToString());
        Assert.Equal("unauthenticated", await ErrorBody.TypeAsync(response));
        Assert.Contains(await f.Host.ReadAuditAsync(), r => (r.Kind, r.Decision) == ("git", "deny") && r.Reason!.StartsWith("unauthenticated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Clone_UnknownRepo_404StructuredError()
    {
        await using var f = await GitProxyFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/git/nope/info/refs?service=git-upload-pack");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("agent:" + f.Token)));

        using var response = await f.Host.Agent.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", await ErrorBody.TypeAsync(response));
    }
}
