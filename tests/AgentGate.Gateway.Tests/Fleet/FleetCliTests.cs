using System.Text.Json;
using AgentGate.Gateway.Tests.Cli;

namespace AgentGate.Gateway.Tests.Fleet;

[Collection("Console")]
public sealed class FleetCliTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentgate-fleet-cli-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task FleetUp_BadManifest_ListsEveryErrorAndExits2()
    {
        var path = Path.Combine(_directory, "fleet.yaml");
        await File.WriteAllTextAsync(path, """
            fleet: Bad_Name
            agents:
              - { id: a-1, role: builder, image: agentgate/sandbox-tiny:0.1.0, workspace: ./ws/a }
              - { id: a-1, role: builder, image: agentgate/sandbox-tiny:0.1.0, workspace: ./ws/b }
            """);

        var (code, output, error) = await CliRunner.RunAsync("fleet", "up", path, "--admin-token", "x");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        using var body = JsonDocument.Parse(error);
        var e = body.RootElement.GetProperty("error");
        Assert.Equal("manifest_invalid", e.GetProperty("type").GetString());
        var errors = e.GetProperty("errors").EnumerateArray().Select(x => x.GetString()!).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, x => x.StartsWith("fleet:", StringComparison.Ordinal));
        Assert.Contains(errors, x => x.Contains("'a-1' is used by more than one agent", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FleetDown_MissingManifest_ReportsManifestNotFound()
    {
        var (code, _, error) = await CliRunner.RunAsync("fleet", "down", Path.Combine(_directory, "absent.yaml"), "--admin-token", "x");

        Assert.Equal(2, code);
        Assert.Equal("manifest_not_found", JsonDocument.Parse(error).RootElement.GetProperty("error").GetProperty("type").GetString());
    }

    [Fact]
    public async Task FleetUp_BadStagger_ReportsInvalidOption()
    {
        var (code, _, error) = await CliRunner.RunAsync("fleet", "up", Path.Combine(_directory, "absent.yaml"), "--stagger", "soon");

        Assert.Equal(2, code);
        Assert.Contains("--stagger 'soon'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("down")]
    public async Task Fleet_ParallelOutOfRange_ReportsInvalidOption(string verb)
    {
        var manifest = Path.Combine(_directory, "fleet.yaml");
        File.WriteAllText(manifest, "fleet: demo\nagents:\n  - { id: a-1, role: builder, image: agentgate/sandbox-tiny:0.1.0, workspace: ./ws/a }\n");

        var (code, _, error) = await CliRunner.RunAsync("fleet", verb, manifest, "--parallel", "0", "--admin-token", "x");

        Assert.Equal(2, code);
        Assert.Equal("invalid_option", JsonDocument.Parse(error).RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("Parallelism", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SandboxExec_NoCommand_IsAParseError()
    {
        var (code, _, error) = await CliRunner.RunAsync("sandbox", "exec", "builder-1", "--fleet", "demo");

        Assert.NotEqual(0, code);
        Assert.NotEqual("", error);
    }

    [Fact]
    public async Task FleetPs_UnreachableDocker_ReportsDockerUnreachable()
    {
        var previous = Environment.GetEnvironmentVariable("DOCKER_HOST");
        Environment.SetEnvironmentVariable("DOCKER_HOST", "unix://" + Path.Combine(_directory, "no-docker.sock"));
        try
        {
            var (code, _, error) = await CliRunner.RunAsync("fleet", "ps", "--json");

            Assert.Equal(1, code);
            Assert.Equal("docker_unreachable", JsonDocument.Parse(error).RootElement.GetProperty("error").GetProperty("type").GetString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("DOCKER_HOST", previous);
        }
    }
}
