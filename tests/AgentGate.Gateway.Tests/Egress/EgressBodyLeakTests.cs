using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace AgentGate.Gateway.Tests.Egress;

/// <summary>Plain-HTTP egress bodies stream through the leak stop: nothing of a credential reaches the destination.</summary>
public sealed class EgressBodyLeakTests
{
    private static readonly string GitHubToken = "ghp_" + new string('A', 18) + new string('7', 18);

    [Theory]
    [InlineData(0)]
    [InlineData(100_000)]
    public async Task AbsoluteUri_BodyCarryingToken_403CredentialLeakAndTokenNeverArrives(int paddingBytes)
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var client = env.ProxiedClient(token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sink = RawHttpSink.ServeOneAsync(env.Decoy, timeout.Token);
        var body = new string('x', paddingBytes) + "{\"token\":\"" + GitHubToken + "\"}" + new string('y', paddingBytes);

        using var response = await client.PostAsync($"http://127.0.0.1:{env.DecoyPort}/upload", new StringContent(body), timeout.Token);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("credential_leak", await Infrastructure.ErrorBody.TypeAsync(response));
        var record = (await env.Host.ReadAuditAsync()).Last(r => r.Kind == "egress");
        Assert.Equal(("deny", "agentgate.leakstop"), (record.Decision, record.Rule));
        Assert.Contains("github-token", record.Reason);
        Assert.DoesNotContain(GitHubToken, await File.ReadAllTextAsync(env.Host.AuditPath));
        if (await Task.WhenAny(sink, Task.Delay(TimeSpan.FromSeconds(10), timeout.Token)) == sink)
        {
            Assert.DoesNotContain("ghp_", Encoding.Latin1.GetString(await sink));
        }
    }

    [Fact]
    public async Task AbsoluteUri_LargeCleanBody_ForwardedByteForByte()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var client = env.ProxiedClient(token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sink = RawHttpSink.ServeOneAsync(env.Decoy, timeout.Token);
        var body = new byte[300_001];
        new Random(7).NextBytes(body);

        using var response = await client.PostAsync($"http://127.0.0.1:{env.DecoyPort}/upload", new ByteArrayContent(body), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"{body.Length} {Convert.ToHexStringLower(SHA256.HashData(body))}", await response.Content.ReadAsStringAsync(timeout.Token));
        await sink;
    }

    [Fact]
    public async Task AbsoluteUri_HeaderCarryingToken_403NotForwarded()
    {
        await using var env = await EgressEnvironment.StartAsync(allowLoopback: true);
        var token = await env.Host.IssueTokenAsync();
        using var client = env.ProxiedClient(token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://{EgressEnvironment.TargetHost}:{env.Target.PlainPort}/h");
        request.Headers.TryAddWithoutValidation("X-Debug", GitHubToken);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("credential_leak", await Infrastructure.ErrorBody.TypeAsync(response));
        Assert.Equal(0, env.Target.Hits);
    }
}
