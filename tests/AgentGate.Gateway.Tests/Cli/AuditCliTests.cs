using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Config;
using AgentGate.Gateway.Tests.Audit;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentGate.Gateway.Tests.Cli;

/// <summary>Runs the real command tree; tests in this class share Console and so are not parallel with each other.</summary>
[Collection("Console")]
public sealed class AuditCliTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentgate-cli-").FullName;
    private string _path = null!;

    public async Task InitializeAsync()
    {
        _path = Path.Combine(_directory, "audit.jsonl");
        var sink = new FileAuditSink(new AuditConfig(_path), NullLogger<FileAuditSink>.Instance);
        await sink.StartAsync(CancellationToken.None);
        await sink.WriteAsync(AuditChainTests.Sample(0, "builder-17", "allow") with { Time = DateTimeOffset.UtcNow.AddHours(-3) }, CancellationToken.None);
        await sink.WriteAsync(AuditChainTests.Sample(1, "builder-17", "deny") with { Time = DateTimeOffset.UtcNow }, CancellationToken.None);
        await sink.WriteAsync(AuditChainTests.Sample(2, "reviewer-2", "allow") with { Time = DateTimeOffset.UtcNow }, CancellationToken.None);
        await sink.StopAsync(CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Verify_Intact_ExitsZero()
    {
        var (code, output, _) = await CliRunner.RunAsync("audit", "verify", _path);

        Assert.Equal(0, code);
        Assert.Contains("3 record(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FileMixingRecordsWithAndWithoutRetries_ExitsZero()
    {
        await File.WriteAllTextAsync(_path, AuditRetriesTests.OldLine + "\n");
        await AuditRetriesTests.WriteMixedAsync(_path);

        var (code, output, _) = await CliRunner.RunAsync("audit", "verify", _path);

        Assert.Equal(0, code);
        Assert.Contains("3 record(s)", output, StringComparison.Ordinal);
        Assert.Contains("\"retries\":2", await File.ReadAllTextAsync(_path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LineRemoved_ExitsNonZeroNamingLine()
    {
        var lines = File.ReadAllLines(_path);
        File.WriteAllLines(_path, [lines[0], lines[2]]);

        var (code, _, error) = await CliRunner.RunAsync("audit", "verify", _path);

        Assert.NotEqual(0, code);
        Assert.StartsWith("line 2:", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_Filters_PrintsMatchingLinesOnly()
    {
        var (code, output, _) = await CliRunner.RunAsync("audit", "query", _path, "--agent", "builder-17", "--since", "1h");
        var (_, denies, _) = await CliRunner.RunAsync("audit", "query", _path, "--decision", "deny");

        Assert.Equal(0, code);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("\"requestId\":\"req_1\"", line, StringComparison.Ordinal);
        Assert.Contains("\"decision\":\"deny\"", Assert.Single(denies.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_BadDecision_Rejected()
    {
        var (code, _, _) = await CliRunner.RunAsync("audit", "query", _path, "--decision", "maybe");

        Assert.NotEqual(0, code);
    }
}
