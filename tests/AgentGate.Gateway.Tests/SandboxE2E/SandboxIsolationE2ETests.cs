using AgentGate.Gateway.Tests.Infrastructure;

namespace AgentGate.Gateway.Tests.SandboxE2E;

/// <summary>
/// What the sandbox cannot see or reach while a real gateway serves it. (The hardening of the container itself is
/// covered by AgentGate.Sandbox.Tests' SandboxIsolationTests against a stand-in gateway.)
/// </summary>
[Collection(SandboxE2ECollection.Name)]
public sealed class SandboxIsolationE2ETests(SandboxE2EFixture f)
{
    [Fact]
    public async Task Sandbox_ProviderKeys_NotInEnvironmentFilesystemOrProc()
    {
        if (!f.Ready) return;

        var r = await f.ShAsync("builder-17", """
            env
            for p in /proc/[0-9]*; do cat "$p/environ" 2>/dev/null | tr '\0' '\n'; cat "$p/cmdline" 2>/dev/null | tr '\0' ' '; done
            grep -rIl -e sk-ant-real -e sk-openai-real / --exclude-dir=proc --exclude-dir=sys 2>/dev/null
            echo scan-done
            """);

        Assert.Contains("scan-done", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("ANTHROPIC_API_KEY=agt_", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayTestHost.RealAnthropicKey, r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayTestHost.RealOpenAIKey, r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(GatewayTestHost.AdminToken, r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_OtherAgentsWorkspace_NotVisible()
    {
        if (!f.Ready) return;

        var r = await f.ShAsync("builder-17", "find / -xdev -name \"$1*\" 2>/dev/null; ls -A /workspace; echo done", SandboxE2EFixture.OtherMarker);
        var own = await f.ExecAsync("builder-18", "ls", "/workspace");

        Assert.Contains("done", r.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxE2EFixture.OtherMarker, r.Stdout, StringComparison.Ordinal);
        Assert.Contains(SandboxE2EFixture.OtherMarker, own.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sandbox_DirectConnectionsToAnythingButTheGateway_Fail()
    {
        if (!f.Ready) return;
        // Every IPv4 address of this host (docker0, eth0, the fleet bridge …): the decoy listens on all of them.
        var hostAddresses = System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces()
            .SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address)
            .Where(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !System.Net.IPAddress.IsLoopback(a))
            .Select(a => a.ToString()).Append(f.Up!.GatewayAddress).Distinct().ToList();
        // Sanity: the decoy answers on the host, so a failure below is the sandbox's doing.
        using (var probe = new HttpClient())
        {
            Assert.Equal("decoy", await probe.GetStringAsync($"http://127.0.0.1:{f.Decoy.Port}/"));
        }

        var accepted = f.Decoy.Accepted;
        Assert.True(hostAddresses.Count >= 2, string.Join(", ", hostAddresses));

        foreach (var target in hostAddresses.Select(a => $"http://{a}:{f.Decoy.Port}/"))
        {
            var r = await f.ExecAsync("builder-17", "curl", "-sS", "--noproxy", "*", "-m", "3", target);
            Assert.False(r.Succeeded, $"{target} was reachable: {r.Stdout}");
        }

        // Nor through the gateway's forward proxy, which the container's proxy variables reach with the agent's
        // token: the proxy authenticates the agent (not a 407) and refuses host addresses as destinations (403).
        // (The gateway's own address is in NO_PROXY, so another host address is used.)
        var viaProxy = hostAddresses.First(a => a != f.Up!.GatewayAddress);
        var proxied = await f.ExecAsync("builder-17", "curl", "-sS", "-m", "5", "-w", "\n%{http_code}", $"http://{viaProxy}:{f.Decoy.Port}/");
        Assert.DoesNotContain("decoy", proxied.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("\n403", proxied.Stdout.TrimEnd(), StringComparison.Ordinal);

        var gateway = await f.ExecAsync("builder-17", "curl", "-sS", "--noproxy", "*", "-m", "5", "-o", "/dev/null", "-w", "%{http_code}", $"{f.GatewayUrl}/llm/anthropic/v1/models");
        Assert.True(gateway.Succeeded, gateway.Stderr);
        Assert.Equal(accepted, f.Decoy.Accepted);
    }
}
