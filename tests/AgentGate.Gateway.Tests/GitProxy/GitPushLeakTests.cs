using System.Text;
using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.GitProxy;

/// <summary>The leak stop on pushed content: real git over HTTP through the gateway to a local bare repository.</summary>
public sealed class GitPushLeakTests
{
    private const string Branch = "refs/heads/agents/builder-17/leak";
    private const string Pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----\n";

    public static TheoryData<string, string, string> Leaks() => new()
    {
        { "api_key = \"" + GatewayTestHost.RealAnthropicKey + "\"\n", "registered-secret 'provider:anthropic' (plain)", GatewayTestHost.RealAnthropicKey },
        { "token: " + Convert.ToBase64String(Encoding.UTF8.GetBytes("Bearer " + GatewayTestHost.RealOpenAIKey)) + "\n", "(base64) in src/config.txt", GatewayTestHost.RealOpenAIKey },
        { "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n", "aws-access-key-id", "AKIAIOSFODNN7EXAMPLE" },
        { Pem, "private-key (pem)", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ" },
    };

    [Theory]
    [MemberData(nameof(Leaks))]
    public async Task Push_NewFileCarriesCredential_RefusedNamingPathAndKindNothingForwarded(string content, string kind, string secret)
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        await CommitFileAsync(f, work, "src/config.txt", content, "add config");

        var result = await f.Git.RunAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"! [remote rejected] HEAD -> agents/builder-17/leak (credential_leak: ", result.Stderr);
        Assert.Contains("remote: agentgate: push refused: credential_leak: ", result.Stderr);
        Assert.Contains(kind, result.Stderr);
        Assert.Contains("in src/config.txt (blob ", result.Stderr);
        Assert.False(await f.BareHasRefAsync(Branch));
        await AssertAuditedWithoutAsync(f, secret, "src/config.txt");
        Assert.DoesNotContain(secret, result.All);
    }

    [Fact]
    public async Task Push_SecretInCommitMessage_RefusedNamingCommit()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        await CommitFileAsync(f, work, "notes.txt", "nothing to see\n", "debug: the key is " + GatewayTestHost.RealAnthropicKey);

        var result = await f.Git.RunAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("(its message or header)", result.Stderr);
        Assert.Contains("[remote rejected]", result.Stderr);
        Assert.False(await f.BareHasRefAsync(Branch));
        await AssertAuditedWithoutAsync(f, GatewayTestHost.RealAnthropicKey, "commit ");
    }

    [Fact]
    public async Task Push_SecretInAnnotatedTagMessage_RefusedAsLeakBeforeApprovalIsAsked()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        await f.Git.CheckedAsync(work, "tag", "-a", "v9.9", "-m", "release notes; deploy with " + GatewayTestHost.RealAnthropicKey);

        var result = await f.Git.RunAsync(work, "push", "origin", "refs/tags/v9.9");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("in tag object ", result.Stderr);
        Assert.DoesNotContain("approval", result.Stderr);
        Assert.False(await f.BareHasRefAsync("refs/tags/v9.9"));
        await AssertAuditedWithoutAsync(f, GatewayTestHost.RealAnthropicKey, "tag object ");
    }

    [Fact]
    public async Task Push_SecretOnlyInDeltaOfBigFile_RefusedAndBranchKeepsFirstVersion()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        var lines = Enumerable.Range(0, 3000).Select(i => $"setting_{i} = value number {i * 7919 % 10007} for the generated config").ToList();
        await CommitFileAsync(f, work, "conf/big.conf", string.Join('\n', lines) + "\n", "big config");
        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);
        var first = await f.BareRefAsync(Branch);
        lines[1500] = "upstream_key = " + GatewayTestHost.RealAnthropicKey;
        await CommitFileAsync(f, work, "conf/big.conf", string.Join('\n', lines) + "\n", "tune one setting");

        // The second push is a thin pack: the new blob is a delta against the first version, which only the repository has.
        var result = await f.Git.RunAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("registered-secret 'provider:anthropic' (plain) in conf/big.conf (blob ", result.Stderr);
        Assert.Equal(first, await f.BareRefAsync(Branch));
        await AssertAuditedWithoutAsync(f, GatewayTestHost.RealAnthropicKey, "conf/big.conf");
    }

    [Fact]
    public async Task Push_OrdinaryFilesAndBinary_AcceptedAndAuditedAsScanned()
    {
        await using var f = await GitProxyFixture.StartAsync();
        var work = await f.CloneWithCommitAsync();
        await File.WriteAllBytesAsync(Path.Combine(work, "logo.bin"), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251))]);
        await CommitFileAsync(f, work, "src/task-sk.txt", "task-1234 uses sk-short and AKIA-not-a-key\n", "ordinary change");

        await f.Git.CheckedAsync(work, "push", "origin", "HEAD:" + Branch);

        Assert.Equal(await f.Git.CheckedAsync(work, "rev-parse", "HEAD"), await f.BareRefAsync(Branch));
        var record = (await f.Host.ReadAuditAsync()).Last(r => r.Target == "app:receive-pack");
        Assert.Equal("allow", record.Decision);
        Assert.Matches(@"; scanned [1-9]\d* objects \(\d+ bytes\)", record.Reason);
    }

    internal static async Task CommitFileAsync(GitProxyFixture f, string work, string path, string content, string message)
    {
        var full = Path.Combine(work, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content);
        await f.Git.CheckedAsync(work, "add", "-A");
        await f.Git.CheckedAsync(work, "commit", "-m", message);
    }

    internal static async Task AssertAuditedWithoutAsync(GitProxyFixture f, string secret, string where)
    {
        var record = (await f.Host.ReadAuditAsync()).Last(r => r.Target == "app:receive-pack");
        Assert.Equal(("deny", "agentgate.leakstop"), (record.Decision, record.Rule));
        Assert.StartsWith("credential_leak: ", record.Reason, StringComparison.Ordinal);
        Assert.Contains(where, record.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(f.Host.AuditPath), StringComparison.Ordinal);
    }
}
