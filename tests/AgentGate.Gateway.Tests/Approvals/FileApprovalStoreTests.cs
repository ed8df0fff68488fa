using AgentGate.Gateway.Approvals;
using Microsoft.Extensions.Logging.Abstractions;

namespace AgentGate.Gateway.Tests.Approvals;

/// <summary>Embedded mode with an approvals file: one repository per process, and a restart replays the file.</summary>
public sealed partial class FileApprovalStoreTests : ApprovalStoreTests
{
    private readonly string _directory;
    private FileApprovalRepository? _shared;

    public FileApprovalStoreTests()
    {
        _directory = Own(new TempDirectory()).Path;
    }

    internal override bool Available => true;

    internal override bool Durable => true;

    private string FilePath => Path.Combine(_directory, "data", "approvals.jsonl");

    internal override IApprovalRepository OpenReplica() => _shared ??= Open();

    internal override IApprovalRepository Restart()
    {
        _shared?.Dispose();
        _shared = Open();
        return _shared;
    }

    private FileApprovalRepository Open(int compactAfterLines = FileApprovalRepository.DefaultCompactAfterLines) =>
        Own(new FileApprovalRepository(FilePath, Time, NullLogger<FileApprovalRepository>.Instance, compactAfterLines));

    [Fact]
    public void Restart_EveryState_KeptWithExpiry()
    {
        var pending = Store.Request(Template("rm -rf /pending"));
        var denied = Store.Request(Template("rm -rf /denied"));
        var consumed = Store.Request(Template("rm -rf /consumed"));
        Assert.Null(Store.Decide(denied.Id, "alice", approve: false, "no"));
        Assert.Null(Store.Decide(consumed.Id, "alice", approve: true, null));
        Assert.NotNull(Store.TryConsume(consumed.ActionHash, Revision));

        var restarted = new ApprovalStore(Restart(), Time);

        Assert.Equal(ApprovalState.Pending, restarted.Get(pending.Id)!.State);
        Assert.Equal(pending.ExpiresAt, restarted.Get(pending.Id)!.ExpiresAt);
        Assert.Equal(["exec: destructive command needs approval"], restarted.Get(pending.Id)!.Reasons);
        Assert.Equal(ApprovalState.Denied, restarted.Get(denied.Id)!.State);
        Assert.Equal("no", restarted.Get(denied.Id)!.Comment);
        Assert.Equal(ApprovalState.Consumed, restarted.Get(consumed.Id)!.State);
        Assert.Null(restarted.TryConsume(consumed.ActionHash, Revision));
        Assert.Equal(pending.Id, restarted.Request(Template("rm -rf /pending")).Id);
        Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ApprovalState.Expired, new ApprovalStore(Restart(), Time).Get(pending.Id)!.State);
    }

    [Fact]
    public void Restart_PastRetention_CompactedAway()
    {
        var old = Store.Request(Template("rm -rf /old", ttl: TimeSpan.FromMinutes(10)));
        Store.Decide(old.Id, "alice", approve: true, null);
        Time.Advance(TimeSpan.FromMinutes(10) + ApprovalRetention.AfterExpiry);
        var fresh = Store.Request(Template("rm -rf /fresh"));

        var restarted = new ApprovalStore(Restart(), Time);

        Assert.Null(restarted.Get(old.Id));
        Assert.Equal([fresh.Id], restarted.List().Select(a => a.Id));
        Assert.Single(File.ReadAllLines(FilePath));
    }

    [Fact]
    public void Record_ManyChanges_FileCompactedWhileServingAndReplayable()
    {
        _shared = Open(compactAfterLines: 8);
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            var held = Store.Request(Template("rm -rf /" + i));
            Store.Decide(held.Id, "alice", approve: true, null);
            Store.TryConsume(held.ActionHash, Revision);
            ids.Add(held.Id);
        }

        Assert.InRange(File.ReadAllLines(FilePath).Length, 6, 8 + 2);
        var restarted = new ApprovalStore(Restart(), Time);
        Assert.All(ids, id => Assert.Equal(ApprovalState.Consumed, restarted.Get(id)!.State));
    }

    [Fact]
    public void Open_FileHeldByAnotherRepository_Refused()
    {
        Store.Request(Template());

        Assert.ThrowsAny<IOException>(() => new FileApprovalRepository(FilePath, Time, NullLogger<FileApprovalRepository>.Instance));
    }

    /// <summary>Deleted after the repositories (disposed in reverse order) have closed their files.</summary>
    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("agentgate-approvals-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
