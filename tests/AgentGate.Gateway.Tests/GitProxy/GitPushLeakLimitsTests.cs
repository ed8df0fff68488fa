using System.Text.Json.Nodes;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.GitProxy;

/// <summary>Remote upstreams (no-thin packs, nothing reaches the remote) and the scan limits.</summary>
public sealed class GitPushLeakLimitsTests
{
    private const string Branch = "refs/heads/agents/builder-17/leak";

    [Fact]
    public async Task Push_RemoteUpstreamSecondVersionCarriesSecret_RefusedWithoutReachingRemote()
    {
        await using var f = await GitProxyFixture.StartRemoteAsync();
        var upstream = f.Remote!;
        var work = await f.CloneWithCommitAsync();
        var lines = Enumerable.Range(0, 2000).Select(i => $"row {i}: the quick brown fox {i * 31 % 97}").ToList();
        await GitPushLeakTests.CommitFileAsync(f, work, "data/rows.txt", string.Join('\n', lines) + "\n", "rows");
        lines[999] = "secret: " + GatewayTestHost.RealAnthropicKey;
        await GitPushLeakTests.CommitFileAsync(f, work, "data/rows.txt", string.Join('\n', lines) + "\n", "edit one row");

        var result = await f.Git.RunAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("credential_leak: registered-secret 'provider:anthropic' (plain) in data/rows.txt (blob ", result.Stderr);
        Assert.DoesNotContain(upstream.Seen, s => s.Path.EndsWith("/git-receive-pack", StringComparison.Ordinal));
        Assert.False(await f.BareHasRefAsync(Branch));
        await GitPushLeakTests.AssertAuditedWithoutAsync(f, GatewayTestHost.RealAnthropicKey, "data/rows.txt");
    }

    [Fact]
    public async Task Push_RemoteUpstreamSmallEditOfBigFile_SelfContainedPackScannedAndForwarded()
    {
        await using var f = await GitProxyFixture.StartRemoteAsync();
        var work = await f.CloneWithCommitAsync();
        var lines = Enumerable.Range(0, 3000).Select(i => $"entry {i}: value {i * 7919 % 10007}").ToList();
        await GitPushLeakTests.CommitFileAsync(f, work, "data/big.txt", string.Join('\n', lines) + "\n", "big");
        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);
        lines[1234] = "entry 1234: changed";
        await GitPushLeakTests.CommitFileAsync(f, work, "data/big.txt", string.Join('\n', lines) + "\n", "small edit");

        // Without no-thin, git would send the new blob as a delta against the old one, which only the remote has.
        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.Equal(await f.Git.CheckedAsync(work, "rev-parse", "HEAD"), await f.BareRefAsync(Branch));
    }

    [Fact]
    public async Task InfoRefs_RemoteReceivePack_AdvertisesNoThin()
    {
        await using var f = await GitProxyFixture.StartRemoteAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/git/app/info/refs?service=git-receive-pack");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("agent:" + f.Token)));

        using var response = await f.Host.Agent.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("\0[^\n]* no-thin\n", text);
        Assert.Contains("refs/heads/main", text);
    }

    [Fact]
    public async Task Push_BlobOverObjectLimit_RefusedAsUnscannable()
    {
        await using var f = await GitProxyFixture.StartAsync(bare => Task.FromResult(Settings(bare, "Refuse")));
        var work = await f.CloneWithCommitAsync();
        await GitPushLeakTests.CommitFileAsync(f, work, "big.txt", new string('x', 8192), "big file");

        var result = await f.Git.RunAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("could not be scanned for credentials: blob ", result.Stderr);
        Assert.Contains("over AgentGate:Git:MaxScanObjectBytes (4096)", result.Stderr);
        Assert.Contains("content the gateway cannot scan does not leave", result.Stderr);
        Assert.False(await f.BareHasRefAsync(Branch));
    }

    [Fact]
    public async Task Push_BlobOverObjectLimitWithAllow_ForwardedAndAuditNamesUnscanned()
    {
        await using var f = await GitProxyFixture.StartAsync(bare => Task.FromResult(Settings(bare, "Allow")));
        var work = await f.CloneWithCommitAsync();
        await GitPushLeakTests.CommitFileAsync(f, work, "big.txt", new string('x', 8192) + GatewayTestHost.RealAnthropicKey, "big file, secret past the limit");

        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.Equal(await f.Git.CheckedAsync(work, "rev-parse", "HEAD"), await f.BareRefAsync(Branch));
        var record = (await f.Host.ReadAuditAsync()).Last(r => r.Target == "app:receive-pack");
        Assert.Equal("allow", record.Decision);
        Assert.Contains("unscanned: 1 objects over AgentGate:Git:MaxScanObjectBytes (4096) were scanned only up to that size", record.Reason);
        var admin = JsonNode.Parse(await f.Host.Admin.GetStringAsync("/admin/git/repos"))!["content_scan"]!;
        Assert.Equal((4096L, "allow"), ((long)admin["max_object_bytes"]!, (string?)admin["over_limit"]));
    }

    [Fact]
    public async Task Push_SecretWithinObjectLimitWithAllow_StillRefused()
    {
        await using var f = await GitProxyFixture.StartAsync(bare => Task.FromResult(Settings(bare, "Allow")));
        var work = await f.CloneWithCommitAsync();
        await GitPushLeakTests.CommitFileAsync(f, work, "big.txt", "key " + GatewayTestHost.RealAnthropicKey + new string('x', 8192), "secret before the limit");

        var result = await f.Git.RunAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("credential_leak: registered-secret 'provider:anthropic' (plain) in big.txt", result.Stderr);
        Assert.False(await f.BareHasRefAsync(Branch));
    }

    private static Dictionary<string, string?> Settings(string bare, string policy) => new()
    {
        ["AgentGate:Git:Repos:app:Upstream"] = new Uri(bare).AbsoluteUri,
        ["AgentGate:Git:MaxScanObjectBytes"] = "4096",
        ["AgentGate:Git:ScanOverLimit"] = policy,
    };
}
