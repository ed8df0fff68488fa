using AgentGate.Gateway.Identity;

namespace AgentGate.Gateway.Tests.Identity;

/// <summary>Embedded mode with <c>AgentGate:Tokens:Path</c>: one repository per process, and a restart replays the file.</summary>
public sealed class FileTokenStoreTests : TokenStoreTests
{
    private readonly string _directory;
    private FileTokenRepository? _shared;

    public FileTokenStoreTests()
    {
        _directory = Own(new TempDirectory()).Path;
    }

    internal override bool Available => true;

    internal override bool Durable => true;

    private string FilePath => Path.Combine(_directory, "data", "tokens.jsonl");

    internal override ITokenRepository OpenReplica() => _shared ??= Own(new FileTokenRepository(FilePath, Time));

    internal override ITokenRepository Restart(ITokenRepository old)
    {
        ((FileTokenRepository)old).Dispose();
        _shared = Own(new FileTokenRepository(FilePath, Time));
        return _shared;
    }

    [Fact]
    public async Task IssueAsync_File_HoldsHashesNeverTokens()
    {
        var token = await IssueAsync(Store);
        await Store.RevokeAsync(token.Id, CancellationToken.None);

        var text = await File.ReadAllTextAsync(FilePath);

        Assert.DoesNotContain(token.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Token["agt_".Length..], text, StringComparison.Ordinal);
        Assert.Contains(TokenStore.Hash(token.Token), text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Restart_TornLastLine_SkippedAndEarlierTokensKept()
    {
        var token = await IssueAsync(Store);
        var old = OpenReplica();
        ((FileTokenRepository)old).Dispose();
        await File.AppendAllTextAsync(FilePath, "{\"op\":\"issue\",\"id\":\"tok_torn\",\"hash\":\"ab");

        var restarted = (FileTokenRepository)Restart(old);

        Assert.Equal(1, restarted.SkippedLines);
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(Gateway(restarted), token.Token));
    }

    [Fact]
    public async Task Restart_ExpiredRecords_CompactedAway()
    {
        var shortLived = await IssueAsync(Store, TimeSpan.FromMinutes(1));
        var longLived = await IssueAsync(Store, TimeSpan.FromHours(1));
        Time.Advance(TimeSpan.FromMinutes(2));

        var restarted = Gateway(Restart(OpenReplica()));

        var lines = await File.ReadAllLinesAsync(FilePath);
        Assert.Single(lines);
        Assert.Contains(TokenStore.Hash(longLived.Token), lines[0], StringComparison.Ordinal);
        Assert.Equal(TokenCheckStatus.Unknown, await StatusAsync(restarted, shortLived.Token));
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(restarted, longLived.Token));
    }

    /// <summary>Deleted after the repositories (disposed in reverse order) have closed their files.</summary>
    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("agentgate-tokens-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
