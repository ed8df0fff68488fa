using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Config;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentGate.Gateway.Tests.Audit;

public sealed class AuditChainTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentgate-audit-").FullName;

    private string PathOf(string name = "audit.jsonl") => Path.Combine(_directory, name);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    internal static AuditRecord Sample(int i, string agent = "builder-17", string decision = "allow") => new()
    {
        Time = new DateTimeOffset(2026, 2, 11, 14, 0, 0, TimeSpan.Zero).AddSeconds(i),
        RequestId = "req_" + i,
        Agent = agent,
        Task = "ISSUE-342",
        Session = "tok_1",
        Kind = "llm",
        Method = "POST",
        Target = "anthropic /v1/messages",
        Model = "claude-sonnet-4-5",
        Decision = decision,
        Reason = i % 2 == 0 ? null : "quote \" and unicode é",
        UpstreamStatus = 200,
        LatencyMs = 12.345 + i,
        InputTokens = 25,
        OutputTokens = 15,
    };

    [Fact]
    public async Task StopAsync_StopTimeAlreadySpent_StillWritesEveryQueuedRecord()
    {
        var path = PathOf();
        var sink = new FileAuditSink(new AuditConfig(path), NullLogger<FileAuditSink>.Instance);
        await sink.StartAsync(CancellationToken.None);
        for (var i = 0; i < 500; i++)
        {
            await sink.WriteAsync(Sample(i), CancellationToken.None);
        }

        await sink.StopAsync(new CancellationToken(canceled: true));
        var lines = File.ReadAllLines(path);

        Assert.Equal(500, lines.Length);
        Assert.True(AuditVerifier.Verify(path).IsIntact);
    }

    private async Task<string> WriteAsync(int count, string? name = null)
    {
        var path = PathOf(name ?? "audit.jsonl");
        var sink = new FileAuditSink(new AuditConfig(path), NullLogger<FileAuditSink>.Instance);
        await sink.StartAsync(CancellationToken.None);
        for (var i = 0; i < count; i++)
        {
            await sink.WriteAsync(Sample(i), CancellationToken.None);
        }

        await sink.StopAsync(CancellationToken.None);
        return path;
    }

    [Fact]
    public async Task Verify_IntactFile_Ok()
    {
        var path = await WriteAsync(5);

        var result = AuditVerifier.Verify(path);

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(5, result.Lines);
    }

    [Fact]
    public async Task StopAsync_QueuedRecords_AllWritten()
    {
        var path = await WriteAsync(500);

        Assert.Equal(500, File.ReadAllLines(path).Length);
    }

    [Fact]
    public async Task StartAsync_ExistingFile_ContinuesChain()
    {
        await WriteAsync(3);
        var path = await WriteAsync(2);

        var result = AuditVerifier.Verify(path);

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(5, result.Lines);
    }

    [Fact]
    public async Task Verify_AlteredLine_NamesThatLine()
    {
        var path = await WriteAsync(5);
        var lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace("\"outputTokens\":15", "\"outputTokens\":1", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var result = AuditVerifier.Verify(path);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.BadLine);
        Assert.Contains("altered", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RemovedLine_NamesTheNextLine()
    {
        var path = await WriteAsync(5);
        var lines = File.ReadAllLines(path).ToList();
        lines.RemoveAt(1);
        File.WriteAllLines(path, lines);

        var result = AuditVerifier.Verify(path);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.BadLine);
    }

    [Fact]
    public async Task Verify_ReorderedLines_NamesFirstMovedLine()
    {
        var path = await WriteAsync(5);
        var lines = File.ReadAllLines(path);
        (lines[3], lines[4]) = (lines[4], lines[3]);
        File.WriteAllLines(path, lines);

        var result = AuditVerifier.Verify(path);

        Assert.False(result.IsIntact);
        Assert.Equal(4, result.BadLine);
    }

    [Fact]
    public async Task Verify_RehashedAlteredLine_BreaksLinkOfNextLine()
    {
        var path = await WriteAsync(4);
        var lines = File.ReadAllLines(path);
        var forged = AuditCodec.Chain(AuditCodec.Parse(lines[1]) with { Agent = "someone-else" }, AuditCodec.Parse(lines[0]).Hash);
        lines[1] = System.Text.Encoding.UTF8.GetString(AuditCodec.Serialize(forged, includeHash: true));
        File.WriteAllLines(path, lines);

        var result = AuditVerifier.Verify(path);

        Assert.Equal(3, result.BadLine);
    }

    [Fact]
    public void Parse_SerializedRecord_RoundTripsToSameHash()
    {
        var chained = AuditCodec.Chain(Sample(1), "abc");
        var line = System.Text.Encoding.UTF8.GetString(AuditCodec.Serialize(chained, includeHash: true));

        var parsed = AuditCodec.Parse(line);

        Assert.Equal(chained, parsed);
        Assert.Equal(chained.Hash, AuditCodec.ComputeHash(parsed));
    }
}
