using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AgentGate.Gateway.Tests.Infrastructure;

/// <summary>
/// A fake upstream plus a gateway started in-process on real Kestrel (127.0.0.1, port 0 for both
/// listeners), configured through a settings dictionary exactly like a JSON file would configure it.
/// </summary>
internal sealed class GatewayTestHost : IAsyncDisposable
{
    public const string RealAnthropicKey = "sk-ant-real-upstream-key";
    public const string RealOpenAIKey = "sk-openai-real-upstream-key";
    public const string AdminToken = "admin-test-token";

    private readonly string _directory;

    private GatewayTestHost(FakeUpstream upstream, RunningGateway gateway, string directory)
    {
        Upstream = upstream;
        Gateway = gateway;
        _directory = directory;
        Agent = new HttpClient { BaseAddress = gateway.AgentAddress };
        Admin = new HttpClient { BaseAddress = gateway.AdminAddress };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
    }

    public FakeUpstream Upstream { get; }
    public RunningGateway Gateway { get; }
    public HttpClient Agent { get; }
    public HttpClient Admin { get; }
    public string AuditPath => Path.Combine(_directory, "audit.jsonl");

    public static async Task<GatewayTestHost> StartAsync(Action<IServiceCollection>? services = null, IDictionary<string, string?>? extra = null, Uri? upstreamOverride = null)
    {
        var upstream = await FakeUpstream.StartAsync();
        var directory = Directory.CreateTempSubdirectory("agentgate-test-").FullName;
        var suffix = Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("AG_TEST_ANTHROPIC_" + suffix, RealAnthropicKey);
        Environment.SetEnvironmentVariable("AG_TEST_ADMIN_" + suffix, AdminToken);
        await File.WriteAllTextAsync(Path.Combine(directory, "openai.key"), RealOpenAIKey + "\n");
        var baseUrl = (upstreamOverride ?? upstream.BaseAddress).ToString().TrimEnd('/');
        var settings = new Dictionary<string, string?>
        {
            ["AgentGate:Listeners:Agent"] = "http://127.0.0.1:0",
            ["AgentGate:Listeners:Admin"] = "http://127.0.0.1:0",
            ["AgentGate:AdminToken"] = "env:AG_TEST_ADMIN_" + suffix,
            ["AgentGate:Providers:anthropic:Type"] = "anthropic",
            ["AgentGate:Providers:anthropic:BaseUrl"] = baseUrl,
            ["AgentGate:Providers:anthropic:Secret"] = "env:AG_TEST_ANTHROPIC_" + suffix,
            ["AgentGate:Providers:openai:Type"] = "openai",
            ["AgentGate:Providers:openai:BaseUrl"] = baseUrl,
            ["AgentGate:Providers:openai:Secret"] = "file:" + Path.Combine(directory, "openai.key"),
            ["AgentGate:Providers:local-llm:Type"] = "openai",
            ["AgentGate:Providers:local-llm:BaseUrl"] = baseUrl,
            ["AgentGate:Providers:local-llm:Secret"] = "file:" + Path.Combine(directory, "openai.key"),
            ["AgentGate:Agents:builder-17:Role"] = "builder",
            ["AgentGate:Agents:builder-17:Lane"] = "auth",
            ["AgentGate:Agents:builder-17:Owner"] = "sam",
            ["AgentGate:Agents:reviewer-2:Role"] = "reviewer",
            ["AgentGate:Audit:Path"] = Path.Combine(directory, "audit.jsonl"),
            ["AgentGate:Proxy:ActivityTimeoutSeconds"] = "2",
            // A loaded CI box must not turn a slow first evaluation into a fail-closed deny.
            ["AgentGate:Policy:EvaluationTimeout"] = "00:00:30",
            // Test gateways start concurrently; only the reaper tests reap, so no gateway removes another test's fleet mid-setup.
            ["AgentGate:Sandbox:ReapOnStart"] = "false",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var gateway = await GatewayHost.StartAsync(new GatewayHostOptions
        {
            Settings = settings,
            ConfigureServices = services,
            ConfigureLogging = logging => logging.ClearProviders(),
        });
        return new GatewayTestHost(upstream, gateway, directory);
    }

    public async Task<string> IssueTokenAsync(string agent = "builder-17", string? task = "ISSUE-342", int ttlSeconds = 3600)
    {
        using var response = await Admin.PostAsJsonAsync("/admin/tokens", new { agent, task, ttlSeconds });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>Flushes the audit sink and reads every record written so far.</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAuditAsync()
    {
        await Gateway.Services.GetRequiredService<IAuditSink>().FlushAsync(CancellationToken.None);
        return File.Exists(AuditPath)
            ? (await File.ReadAllLinesAsync(AuditPath)).Where(l => l.Length > 0).Select(AuditCodec.Parse).ToList()
            : [];
    }

    /// <summary>
    /// Reads the audit log until <paramref name="done"/> holds (10 s at most): a proxy writes a call's record once the
    /// upstream answer has been relayed, so a client can hold the answer a moment before the record is queued.
    /// </summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAuditAsync(Func<IReadOnlyList<AuditRecord>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var records = await ReadAuditAsync();
            if (done(records) || DateTime.UtcNow > deadline)
            {
                return records;
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Agent.Dispose();
        Admin.Dispose();
        await Gateway.DisposeAsync();
        await Upstream.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
