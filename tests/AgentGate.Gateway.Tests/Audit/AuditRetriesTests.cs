using AgentGate.Gateway.Audit;
using AgentGate.Gateway.Config;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentGate.Gateway.Tests.Audit;

/// <summary>The optional <c>retries</c> field: hashed when present, absent from older records, which still verify.</summary>
public sealed class AuditRetriesTests : IDisposable
{
    /// <summary>A line as a gateway without the field wrote it (the retry count only in <c>reason</c>).</summary>
    internal const string OldLine = """{"time":"2026-02-11T14:00:00.0000000Z","requestId":"req_old","agent":"builder-17","task":"ISSUE-342","session":"tok_1","kind":"llm","method":"POST","target":"anthropic /v1/messages","model":"claude-sonnet-4-5","decision":"allow","reason":"upstream 429 retried 1x","rule":null,"upstreamStatus":200,"latencyMs":12.345,"inputTokens":25,"outputTokens":15,"prevHash":"","hash":"43550f2b453848d7d4d26190b6cd5a9b85a50b238e64f1e3d68f4a9e3472c2de"}""";

    private readonly string _directory = Directory.CreateTempSubdirectory("agentgate-audit-retries-").FullName;

    private string FilePath => Path.Combine(_directory, "audit.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Appends, after the old line, one record with retries and one without.</summary>
    internal static async Task WriteMixedAsync(string path)
    {
        var sink = new FileAuditSink(new AuditConfig(path), NullLogger<FileAuditSink>.Instance);
        await sink.StartAsync(CancellationToken.None);
        await sink.WriteAsync(AuditChainTests.Sample(1) with { Retries = 2 }, CancellationToken.None);
        await sink.WriteAsync(AuditChainTests.Sample(2) with { Retries = 0 }, CancellationToken.None);
        await sink.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Verify_OldLineThenRecordsWithAndWithoutRetries_Intact()
    {
        await File.WriteAllTextAsync(FilePath, OldLine + "\n");

        await WriteMixedAsync(FilePath);

        var result = AuditVerifier.Verify(FilePath);
        var lines = await File.ReadAllLinesAsync(FilePath);
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(3, result.Lines);
        Assert.Contains("\"retries\":2,", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("retries", lines[2], StringComparison.Ordinal);
        Assert.Equal(2, AuditCodec.Parse(lines[1]).Retries);
        Assert.Null(AuditCodec.Parse(lines[0]).Retries);
    }

    [Fact]
    public async Task Verify_RetriesAltered_NamesThatLine()
    {
        await File.WriteAllTextAsync(FilePath, OldLine + "\n");
        await WriteMixedAsync(FilePath);
        var lines = await File.ReadAllLinesAsync(FilePath);
        lines[1] = lines[1].Replace("\"retries\":2,", "\"retries\":0,", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(FilePath, lines);

        var result = AuditVerifier.Verify(FilePath);

        Assert.Equal(2, result.BadLine);
    }

    [Fact]
    public void Parse_SerializedRecordWithRetries_RoundTripsToSameHash()
    {
        var chained = AuditCodec.Chain(AuditChainTests.Sample(1) with { Retries = 3 }, "abc");
        var line = System.Text.Encoding.UTF8.GetString(AuditCodec.Serialize(chained, includeHash: true));

        var parsed = AuditCodec.Parse(line);

        Assert.Equal(chained, parsed);
        Assert.Equal(chained.Hash, AuditCodec.ComputeHash(parsed));
        Assert.NotEqual(chained.Hash, AuditCodec.Chain(AuditChainTests.Sample(1), "abc").Hash);
    }
}
