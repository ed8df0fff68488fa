namespace AgentGate.Gateway.Tests.SandboxE2E;

/// <summary>The image's exec guard against the real gateway and the shipped policy.</summary>
[Collection(SandboxE2ECollection.Name)]
public sealed class SandboxExecGuardTests(SandboxE2EFixture f)
{
    [Fact]
    public async Task AgentShell_DeniedCommand_RefusedWithPolicyReason()
    {
        if (!f.Ready) return;

        var denied = await f.ExecAsync("builder-17", "/usr/local/bin/agentgate-shell", "-c", "curl -s https://example.com; echo ran");

        Assert.Equal(126, denied.ExitCode);
        Assert.DoesNotContain("ran", denied.Stdout, StringComparison.Ordinal);
        Assert.Contains("agentgate: exec denied:", denied.Stderr, StringComparison.Ordinal);
        Assert.Contains("curl", denied.Stderr, StringComparison.Ordinal);
        var audit = await f.Host!.ReadAuditAsync();
        Assert.Contains(audit, a => a.Kind == "exec" && a.Decision == "deny" && a.Agent == "builder-17" && a.Target!.Contains("curl", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AgentShell_AllowedCommand_Runs()
    {
        if (!f.Ready) return;

        var allowed = await f.ExecAsync("builder-17", "/usr/local/bin/agentgate-shell", "-c", "ls /workspace");

        Assert.True(allowed.Succeeded, allowed.Stderr);
        var audit = await f.Host!.ReadAuditAsync();
        Assert.Contains(audit, a => a.Kind == "exec" && a.Decision == "allow" && a.Agent == "builder-17" && a.Target == "ls /workspace");
    }

    [Fact]
    public async Task BashDashC_DeniedCommand_RefusedByBashEnvGuard()
    {
        if (!f.Ready) return;

        // Agent tools that run `bash -c` directly still meet the guard (BASH_ENV).
        var denied = await f.ExecAsync("builder-17", "bash", "-c", "curl -s https://example.com; echo ran");

        Assert.Equal(126, denied.ExitCode);
        Assert.DoesNotContain("ran", denied.Stdout, StringComparison.Ordinal);
        Assert.Contains("curl", denied.Stderr, StringComparison.Ordinal);
    }
}
