using AgentGate.Sandbox.Fleet;

namespace AgentGate.Sandbox.Tests.Integration;

public sealed class SandboxIsolationTests : IClassFixture<FleetFixture>
{
    private readonly FleetFixture _f;

    public SandboxIsolationTests(FleetFixture fixture) => _f = fixture;

    private bool Ready => _f.Up is not null;

    [Fact]
    public async Task Exec_GatewayStandIn_IsReachable()
    {
        if (!Ready) return;
        var r = await _f.ExecAsync("alpha", "env", "-u", "http_proxy", "-u", "HTTP_PROXY", "timeout", "5", "wget", "-q", "-O", "-", $"{_f.Up!.GatewayUrl}/ping");
        Assert.True(r.Succeeded, r.Stderr);
        Assert.Contains("gateway-stand-in", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_DecoyOnHostOtherPort_IsUnreachable()
    {
        if (!Ready) return;
        var r = await _f.ExecAsync("alpha", "env", "-u", "http_proxy", "-u", "HTTP_PROXY", "timeout", "3", "wget", "-q", "-O", "-", $"http://{_f.Up!.GatewayAddress}:{_f.Decoy.Port}/");
        Assert.False(r.Succeeded, r.Stdout);
        Assert.DoesNotContain("decoy", r.Stdout, StringComparison.Ordinal);
        Assert.Empty(_f.Decoy.Requests);
    }

    [Fact]
    public async Task Exec_DecoyInOtherContainer_IsUnreachable()
    {
        if (!Ready) return;
        // Sanity: the decoy answers when asked from the host, so the failure below is the sandbox's doing.
        using (var probe = new System.Net.Sockets.TcpClient())
        {
            await probe.ConnectAsync(System.Net.IPAddress.Parse(_f.DecoyContainerIp!), 8000);
            Assert.True(probe.Connected);
        }

        var r = await _f.ExecAsync("alpha", "env", "-u", "http_proxy", "-u", "HTTP_PROXY", "timeout", "3", "wget", "-q", "-O", "-", $"http://{_f.DecoyContainerIp}:8000/");
        Assert.False(r.Succeeded, r.Stdout);
    }

    [Fact]
    public async Task Exec_OtherAgentContainer_IsUnreachable()
    {
        if (!Ready) return;
        var beta = (await _f.Runtime!.ListContainersAsync(new Dictionary<string, string> { [SandboxLabels.Fleet] = _f.FleetName, [SandboxLabels.Agent] = "beta" }, default)).Single();
        var ip = (await _f.Runtime.InspectContainerAsync(beta.Id, default))!.Networks.Values.Single();
        await _f.ExecAsync("beta", "sh", "-c", "httpd -p 8001 -h /workspace");
        var r = await _f.ExecAsync("alpha", "env", "-u", "http_proxy", "-u", "HTTP_PROXY", "timeout", "3", "wget", "-q", "-O", "-", $"http://{ip}:8001/beta-secret-marker.txt");
        Assert.False(r.Succeeded, r.Stdout);
        var self = await _f.ExecAsync("beta", "env", "-u", "http_proxy", "-u", "HTTP_PROXY", "timeout", "3", "wget", "-q", "-O", "-", "http://127.0.0.1:8001/beta-secret-marker.txt");
        Assert.Contains("beta only", self.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_OtherAgentsWorkspace_IsNotVisible()
    {
        if (!Ready) return;
        var r = await _f.ExecAsync("alpha", "sh", "-c", "find / -xdev -name 'beta-secret-marker*' 2>/dev/null; ls /workspace");
        Assert.DoesNotContain("beta-secret-marker", r.Stdout, StringComparison.Ordinal);
        var own = await _f.ExecAsync("beta", "ls", "/workspace");
        Assert.Contains("beta-secret-marker.txt", own.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exec_DockerSocketAndHostPaths_AreAbsent()
    {
        if (!Ready) return;
        var r = await _f.ExecAsync("alpha", "sh", "-c", "ls /var/run/docker.sock /run/docker.sock 2>&1; cat /proc/mounts");
        Assert.Contains("No such file", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("docker.sock ", r.Stdout.Replace("/var/run/docker.sock:", "", StringComparison.Ordinal).Replace("/run/docker.sock:", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(_f.Root, r.Stdout, StringComparison.Ordinal); // mount sources are not even named
        var info = await _f.Runtime!.InspectContainerAsync(_f.Up!.Agents[0].ContainerId, default);
        Assert.Equal([$"{Path.Combine(_f.Root, "ws", "alpha")}:/workspace:rw"], info!.Binds);
    }

    [Fact]
    public async Task Exec_ProviderKey_IsNotInsideButGatewayTokenIs()
    {
        if (!Ready) return;
        Assert.Equal(FleetFixture.FakeRealKey, Environment.GetEnvironmentVariable("ANTHROPIC_API_KEY"));
        var r = await _f.ExecAsync("alpha", "sh", "-c", "env; cat /proc/1/environ | tr '\\0' '\\n'; grep -r sk-ant-REAL /etc /home /tmp /workspace 2>/dev/null");
        Assert.DoesNotContain(FleetFixture.FakeRealKey, r.Stdout, StringComparison.Ordinal);
        var token = _f.Tokens.Issued["tok-alpha"].Value;
        Assert.Contains($"ANTHROPIC_API_KEY={token}", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"ANTHROPIC_BASE_URL={_f.Up!.GatewayUrl}/llm/anthropic", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"OPENAI_BASE_URL={_f.Up.GatewayUrl}/llm/openai/v1", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"HTTPS_PROXY={_f.Up.GatewayUrl.Replace("://", $"://alpha:{token}@", StringComparison.Ordinal)}", r.Stdout, StringComparison.Ordinal);
        Assert.Contains($"=url.{_f.Up.GatewayUrl}/git/api.insteadOf", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_Container_IsHardened()
    {
        if (!Ready) return;
        var info = await _f.Runtime!.InspectContainerAsync(_f.Up!.Agents[0].ContainerId, default);
        Assert.NotNull(info);
        Assert.True(info.ReadOnlyRootFs);
        Assert.False(info.Privileged);
        Assert.Equal(["ALL"], info.CapDrop);
        Assert.Empty(info.CapAdd);
        Assert.Contains("no-new-privileges:true", info.SecurityOpt);
        Assert.DoesNotContain(info.SecurityOpt, o => o.Contains("unconfined", StringComparison.Ordinal));
        Assert.Equal("10001:10001", info.User);
        Assert.Equal(64L * 1024 * 1024, info.MemoryBytes);
        Assert.Equal(500_000_000L, info.NanoCpus);
        Assert.Equal(64L, info.PidsLimit);
        Assert.Contains("/tmp", info.TmpfsMounts);
        Assert.Equal(_f.FleetName, info.Labels[SandboxLabels.Fleet]);
        Assert.Equal("alpha", info.Labels[SandboxLabels.Agent]);
        Assert.Equal("T-1", info.Labels[SandboxLabels.Task]);
        Assert.Equal("test-" + _f.FleetName, info.Labels[SandboxLabels.Gateway]);
        var status = await _f.ExecAsync("alpha", "sh", "-c", "id -u; grep -E '^(Seccomp|NoNewPrivs|CapEff):' /proc/self/status; touch /etc/x 2>&1; touch /tmp/ok && echo tmp-writable");
        Assert.StartsWith("10001", status.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"Seccomp:\s+2", status.Stdout);
        Assert.Matches(@"NoNewPrivs:\s+1", status.Stdout);
        Assert.Matches(@"CapEff:\s+0000000000000000", status.Stdout);
        Assert.Contains("Read-only file system", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("tmp-writable", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecGuard_DeniedCommand_IsRefusedWithReason()
    {
        if (!Ready || !_f.HasFullImage) return;
        var denied = await _f.ExecAsync("gamma", "/usr/local/bin/agentgate-shell", "-c", "rm -rf /workspace/x; echo ran");
        Assert.Equal(126, denied.ExitCode);
        Assert.DoesNotContain("ran", denied.Stdout, StringComparison.Ordinal);
        Assert.Contains("'rm -rf' is not allowed for builders", denied.Stderr, StringComparison.Ordinal);
        var allowed = await _f.ExecAsync("gamma", "/usr/local/bin/agentgate-shell", "-c", "echo allowed-ran");
        Assert.True(allowed.Succeeded, allowed.Stderr);
        Assert.Contains("allowed-ran", allowed.Stdout, StringComparison.Ordinal);
        Assert.Contains(_f.Gateway.Requests, q => q.Contains("\"kind\": \"exec\"", StringComparison.Ordinal) && q.Contains("echo allowed-ran", StringComparison.Ordinal));
        var nested = await _f.ExecAsync("gamma", "bash", "-c", "rm -rf /workspace/y; echo ran");
        Assert.Equal(126, nested.ExitCode);
    }
}
