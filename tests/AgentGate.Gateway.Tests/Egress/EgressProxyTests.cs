using System.Net;
using System.Text.Json;

namespace AgentGate.Gateway.Tests.Egress;

public sealed class EgressProxyTests
{
    [Fact]
    public async Task Connect_AllowedHostOverTls_HttpClientReachesTargetAndAudited()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var client = env.ProxiedClient(token);

        var text = await client.GetStringAsync($"https://{EgressEnvironment.TargetHost}:{env.Target.TlsPort}/hello");

        Assert.Equal(TargetServer.Greeting + " /hello proxy-auth:False", text);
        var record = (await env.Host.ReadAuditAsync()).Last(r => r.Kind == "egress");
        Assert.Equal(("allow", "builder-17", "CONNECT"), (record.Decision, record.Agent, record.Method));
        Assert.Equal($"{EgressEnvironment.TargetHost}:{env.Target.TlsPort}", record.Target);
        Assert.StartsWith("sha256:", record.PolicyRevision, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbsoluteUri_AllowedHost_ForwardedWithoutProxyCredentials()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var client = env.ProxiedClient(token);

        var text = await client.GetStringAsync($"http://{EgressEnvironment.TargetHost}:{env.Target.PlainPort}/plain?q=1");

        Assert.Equal(TargetServer.Greeting + " /plain proxy-auth:False", text);
        var record = (await env.Host.ReadAuditAsync()).Last(r => r.Kind == "egress");
        Assert.Equal(("allow", "GET"), (record.Decision, record.Method));
    }

    [Fact]
    public async Task Connect_HostNotOnAllowlist_403PolicyDeniedDecoyNeverConnected()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();

        var (status, response) = await RawProxy.ConnectAsync(env.ProxyAddress, $"{EgressEnvironment.DecoyHost}:{env.DecoyPort}", token);

        Assert.Equal(403, status);
        var error = JsonDocument.Parse(RawProxy.Body(response)).RootElement.GetProperty("error");
        Assert.Equal("policy_denied", error.GetProperty("type").GetString());
        Assert.Contains("not on the allowlist", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(env.Decoy.Pending());
        var record = (await env.Host.ReadAuditAsync()).Last(r => r.Kind == "egress");
        Assert.Equal(("deny", "agentgate.egress"), (record.Decision, record.Rule));
    }

    [Fact]
    public async Task Connect_LoopbackLiteralWithoutException_403DestinationRefused()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: false);
        var token = await env.Host.IssueTokenAsync();

        var (status, response) = await RawProxy.ConnectAsync(env.ProxyAddress, $"127.0.0.1:{env.DecoyPort}", token);

        Assert.Equal(403, status);
        Assert.Contains("egress_destination_refused", response, StringComparison.Ordinal);
        Assert.Contains("loopback", response, StringComparison.Ordinal);
        Assert.False(env.Decoy.Pending());
    }

    [Fact]
    public async Task Connect_AllowlistedNameResolvingToLoopback_403Rebinding()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: false);
        var token = await env.Host.IssueTokenAsync();

        var (status, response) = await RawProxy.ConnectAsync(env.ProxyAddress, $"{EgressEnvironment.RebindHost}:{env.DecoyPort}", token);

        Assert.Equal(403, status);
        Assert.Contains("host 'rebind.test' resolves to 127.0.0.1", Message(response), StringComparison.Ordinal);
        Assert.False(env.Decoy.Pending());
        var record = (await env.Host.ReadAuditAsync()).Last(r => r.Kind == "egress");
        Assert.Equal(("deny", "agentgate.network"), (record.Decision, record.Rule));
    }

    [Fact]
    public async Task AbsoluteUri_AllowlistedNameResolvingToLoopback_403NotForwarded()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: false);
        var token = await env.Host.IssueTokenAsync();
        using var client = env.ProxiedClient(token);

        using var response = await client.GetAsync($"http://{EgressEnvironment.RebindHost}:{env.Target.PlainPort}/");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, env.Target.Hits);
    }

    [Fact]
    public async Task Connect_GatewayAdminListener_403EvenWithLoopbackAllowed()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();

        var (status, response) = await RawProxy.ConnectAsync(env.ProxyAddress, $"127.0.0.1:{env.AdminPort}", token);

        Assert.Equal(403, status);
        Assert.Contains("gateway's own listeners", Message(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_MissingCredentials_407WithChallengeAndAudited()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);

        var (status, response) = await RawProxy.ConnectAsync(env.ProxyAddress, $"{EgressEnvironment.TargetHost}:{env.Target.TlsPort}", null);

        Assert.Equal(407, status);
        Assert.Contains("Proxy-Authenticate: Basic realm=\"agentgate\"", response, StringComparison.Ordinal);
        Assert.Contains("proxy_authentication_required", response, StringComparison.Ordinal);
        var record = (await env.Host.ReadAuditAsync()).Last(r => r.Kind == "egress");
        Assert.Equal(("deny", null), (record.Decision, record.Agent));
    }

    [Fact]
    public async Task AbsoluteUri_MissingCredentials_407()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        using var client = env.ProxiedClient(null);

        using var response = await client.GetAsync($"http://{EgressEnvironment.TargetHost}:{env.Target.PlainPort}/");

        Assert.Equal(HttpStatusCode.ProxyAuthenticationRequired, response.StatusCode);
        Assert.Contains("Basic", response.Headers.ProxyAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, env.Target.Hits);
    }

    [Fact]
    public async Task AbsoluteUri_ProviderKeyToUnboundHost_403CredentialLeakNotForwarded()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var client = env.ProxiedClient(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{EgressEnvironment.TargetHost}:{env.Target.PlainPort}/");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Infrastructure.GatewayTestHost.RealAnthropicKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("credential_leak", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, env.Target.Hits);
        Assert.DoesNotContain(Infrastructure.GatewayTestHost.RealAnthropicKey, await File.ReadAllTextAsync(env.Host.AuditPath), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbsoluteUri_ProviderKeyToItsOwnHost_Forwarded()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var client = env.ProxiedClient(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{env.Target.PlainPort}/bound");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + Infrastructure.GatewayTestHost.RealAnthropicKey);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, env.Target.Hits);
    }

    private static string Message(string response) =>
        JsonDocument.Parse(RawProxy.Body(response)).RootElement.GetProperty("error").GetProperty("message").GetString()!;
}
