using AgentGate.Sandbox.Fleet;
using AgentGate.Sandbox.Runtime;

namespace AgentGate.Sandbox.Tests.Integration;

/// <summary>One real fleet (two tiny agents, plus a Debian agent when that image is built) shared by the isolation tests.</summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public const string FakeRealKey = "sk-ant-REAL-provider-key-must-never-enter-0123456789";

    internal IContainerRuntime? Runtime { get; private set; }
    internal TinyHttpServer Gateway { get; } = new(r => r.Contains("rm -rf", StringComparison.Ordinal)
        ? """{"allow":false,"deny":["exec: 'rm -rf' is not allowed for builders"]}"""
        : r.Contains("/v1/authorize", StringComparison.Ordinal) ? """{"allow":true,"deny":[]}""" : """{"ok":"gateway-stand-in"}""");
    internal TinyHttpServer Decoy { get; } = new(_ => """{"ok":"decoy"}""");
    internal RecordingTokenIssuer Tokens { get; } = new();
    internal FleetManager? Manager { get; private set; }
    internal FleetUpResult? Up { get; private set; }
    internal string? DecoyContainerIp { get; private set; }
    internal bool HasFullImage { get; private set; }
    internal string Root { get; } = Directory.CreateTempSubdirectory("agentgate-fleet-").FullName;
    internal string FleetName { get; } = "t" + Guid.NewGuid().ToString("N")[..10];
    private string? _decoyContainer;

    public async Task InitializeAsync()
    {
        Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", FakeRealKey);
        Runtime = await DockerAvailability.TryConnectAsync();
        if (Runtime is null) return;
        HasFullImage = await Runtime.ImageExistsAsync(DockerAvailability.FullImage, default);
        var options = new FleetOptions { GatewayInstance = "test-" + FleetName, GatewayPort = Gateway.Port, StaggerDelay = TimeSpan.Zero };
        Manager = new FleetManager(Runtime, Tokens, options);
        var yaml = $$"""
            fleet: {{FleetName}}
            defaults: { role: builder, image: {{DockerAvailability.TinyImage}}, command: [sleep, "600"], resources: { memory: 64Mi, cpus: "0.5", pids: "64" } }
            repos: { api: https://github.com/acme/api.git }
            agents:
              - { id: alpha, task: T-1, lane: auth, owner: sam, workspace: ws/alpha, repos: [api] }
              - { id: beta, task: T-2, workspace: ws/beta }
            {{(HasFullImage ? $"  - {{ id: gamma, task: T-3, image: {DockerAvailability.FullImage}, command: [sleep, \"600\"], workspace: ws/gamma, resources: {{ memory: 256Mi }} }}" : "")}}
            """;
        var parsed = FleetManifestParser.Parse(yaml, Root);
        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Directory.CreateDirectory(Path.Combine(Root, "ws", "beta"));
        await File.WriteAllTextAsync(Path.Combine(Root, "ws", "beta", "beta-secret-marker.txt"), "beta only");
        Up = await Manager.UpAsync(parsed.Manifest!, default);

        // A decoy in another container on Docker's default bridge, which the agents must not reach.
        _decoyContainer = await Runtime.CreateContainerAsync(new ContainerSpec
        {
            Name = $"agentgate-decoy-{FleetName}", Image = DockerAvailability.TinyImage, NetworkName = "bridge",
            Command = ["httpd", "-f", "-p", "8000", "-h", "/"], Tmpfs = new Dictionary<string, string> { ["/tmp"] = "size=1m" },
            MemoryBytes = 32 * 1024 * 1024, PidsLimit = 16, Labels = new Dictionary<string, string> { ["io.agentgate.test"] = FleetName },
        }, default);
        await Runtime.StartContainerAsync(_decoyContainer, default);
        DecoyContainerIp = (await Runtime.InspectContainerAsync(_decoyContainer, default))!.Networks["bridge"];
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Runtime is not null)
            {
                if (_decoyContainer is not null) await Runtime.RemoveContainerAsync(_decoyContainer, default);
                if (Manager is not null) await Manager.DownAsync(FleetName, default);
                Runtime.Dispose();
            }
        }
        finally
        {
            await Gateway.DisposeAsync();
            await Decoy.DisposeAsync();
            Environment.SetEnvironmentVariable("ANTHROPIC_API_KEY", null);
            try { Directory.Delete(Root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    internal Task<ExecResult> ExecAsync(string agent, params string[] argv) => Manager!.ExecAsync(FleetName, agent, argv, default);
}
