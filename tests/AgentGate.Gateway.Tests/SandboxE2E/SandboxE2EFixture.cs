using System.Globalization;
using AgentGate.Gateway.Fleet;
using AgentGate.Gateway.Tests.GitProxy;
using AgentGate.Gateway.Tests.Infrastructure;
using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Runtime;

namespace AgentGate.Gateway.Tests.SandboxE2E;

/// <summary>
/// A real gateway on Kestrel (agent listener on every address, so the fleet bridge reaches it), a fake model
/// upstream, a file:// bare repo served as <c>/git/app</c>, a decoy listener, and a real fleet brought up through
/// the admin API: builder-17 on the Debian sandbox image (guard, hook, git) and builder-18 on the tiny image.
/// Without dockerd (or the image) the tests return early; under CI=true that is a failure.
/// </summary>
public sealed class SandboxE2EFixture : IAsyncLifetime
{
    public const string FullImage = "agentgate/sandbox:0.1.0";
    public const string TinyImage = "agentgate/sandbox-tiny:0.1.0";
    public const string RepoUrl = "https://git.example.com/acme/app.git";
    public const string OtherMarker = "builder-18-private-marker";

    private IContainerRuntime? _runtime;
    private AdminApiTokenIssuer? _issuer;

    internal string Root { get; } = Directory.CreateTempSubdirectory("agentgate-e2e-").FullName;
    internal string FleetName { get; } = "e2e" + Guid.NewGuid().ToString("N")[..8];
    internal GatewayTestHost? Host { get; private set; }
    internal DecoyListener Decoy { get; } = new();
    internal GitCli Git => new(Root);
    internal string BarePath => Path.Combine(Root, "app.git");
    internal FleetManager? Manager { get; private set; }
    internal FleetUpResult? Up { get; private set; }

    internal bool Ready => Up is not null;

    internal static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async Task InitializeAsync()
    {
        _runtime = await ConnectAsync();
        if (_runtime is null) return;
        if (!await _runtime.ImageExistsAsync(FullImage, default))
        {
            Assert.False(IsCi, $"{FullImage} is missing: run images/sandbox/build.sh");
            Console.WriteLine($"{FullImage} is missing, sandbox end-to-end tests not run (images/sandbox/build.sh builds it)");
            return;
        }

        await SeedRepoAsync();
        Host = await GatewayTestHost.StartAsync(extra: new Dictionary<string, string?>
        {
            ["AgentGate:Listeners:Agent"] = "http://0.0.0.0:0",
            ["AgentGate:Git:Repos:app:Upstream"] = new Uri(BarePath).AbsoluteUri,
            ["AgentGate:Agents:builder-18:Role"] = "builder",
            ["AgentGate:Agents:builder-18:Lane"] = "billing",
            ["AgentGate:Agents:builder-18:Owner"] = "kim",
        });
        _issuer = new AdminApiTokenIssuer(Host.Gateway.AdminAddress, GatewayTestHost.AdminToken);
        Manager = new FleetManager(_runtime, _issuer, new FleetOptions
        {
            GatewayInstance = "e2e-" + FleetName,
            GatewayPort = Host.Gateway.AgentAddress.Port,
            StaggerDelay = TimeSpan.Zero,
        });
        var yaml = $$"""
            fleet: {{FleetName}}
            repos: { app: {{RepoUrl}} }
            defaults: { role: builder, command: [sleep, "900"], resources: { memory: 256Mi, pids: "128" } }
            agents:
              - { id: builder-17, task: ISSUE-342, image: {{FullImage}}, workspace: ws/builder-17, repos: [app] }
              - { id: builder-18, task: ISSUE-7, image: {{TinyImage}}, workspace: ws/builder-18, resources: { memory: 32Mi } }
            """;
        var parsed = FleetManifestParser.Parse(yaml, Root);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Directory.CreateDirectory(Path.Combine(Root, "ws", "builder-18"));
        await File.WriteAllTextAsync(Path.Combine(Root, "ws", "builder-18", OtherMarker + ".txt"), "builder-18 only");
        Up = await Manager.UpAsync(parsed.Manifest!, default);
    }

    /// <summary>Runs argv in an agent's container (docker exec: no shell, no guard unless argv asks for one).</summary>
    internal Task<ExecResult> ExecAsync(string agent, params string[] argv) => Manager!.ExecAsync(FleetName, agent, argv, default);

    /// <summary>Runs a dash script (dash ignores BASH_ENV, so the exec guard is not involved) with positional arguments.</summary>
    internal Task<ExecResult> ShAsync(string agent, string script, params string[] args) =>
        ExecAsync(agent, ["sh", "-c", script, "sh", .. args]);

    internal string GatewayUrl => Up!.GatewayUrl;

    internal string GatewayPort => Host!.Gateway.AgentAddress.Port.ToString(CultureInfo.InvariantCulture);

    private async Task SeedRepoAsync()
    {
        var seed = Path.Combine(Root, "seed");
        await Git.CheckedAsync(Root, "init", "--bare", BarePath);
        await Git.CheckedAsync(Root, "init", seed);
        await File.WriteAllTextAsync(Path.Combine(seed, "README"), "hello\n");
        await Git.CheckedAsync(seed, "add", "README");
        await Git.CheckedAsync(seed, "commit", "-m", "first");
        await Git.CheckedAsync(seed, "push", BarePath, "main");
    }

    private static async Task<IContainerRuntime?> ConnectAsync()
    {
        var runtime = ContainerRuntimes.CreateDocker();
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await runtime.PingAsync(cts.Token);
            return runtime;
        }
        catch (Exception e) when (!IsCi && e is not OutOfMemoryException)
        {
            runtime.Dispose();
            Console.WriteLine($"dockerd unreachable, sandbox end-to-end tests not run: {e.Message}");
            return null;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Manager is not null) await Manager.DownAsync(FleetName, default);
        }
        finally
        {
            _runtime?.Dispose();
            _issuer?.Dispose();
            if (Host is not null) await Host.DisposeAsync();
            await Decoy.DisposeAsync();
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
