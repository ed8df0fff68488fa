using AgentGate.Gateway.Approvals;

namespace AgentGate.Gateway.Tests.Approvals;

public sealed partial class FileApprovalStoreTests
{
    [Fact]
    public void Restart_TornLastLine_SkippedEarlierKeptAndOriginalPreserved()
    {
        var held = Store.Request(Template());
        Store.Decide(held.Id, "alice", approve: true, null);
        _shared!.Dispose();
        var torn = "{\"id\":\"apr_torn\",\"actionHash\":\"sha256:ab";
        File.AppendAllText(FilePath, torn);

        var restarted = (FileApprovalRepository)Restart();

        Assert.Equal(1, restarted.SkippedLines);
        Assert.Equal(ApprovalState.Approved, restarted.Get(held.Id)!.State);
        Assert.Null(restarted.Get("apr_torn"));
        Assert.EndsWith(torn, File.ReadAllText(FilePath + ".torn"), StringComparison.Ordinal);
        Assert.DoesNotContain("apr_torn", File.ReadAllText(FilePath), StringComparison.Ordinal);
    }

    [Fact]
    public void Restart_CorruptLineBeforeTheLast_RefusesNamingTheLineAndKeepsTheFile()
    {
        var first = Store.Request(Template("rm -rf /first"));
        Store.Request(Template("rm -rf /second"));
        _shared!.Dispose();
        _shared = null;
        var lines = File.ReadAllLines(FilePath);
        File.WriteAllLines(FilePath, [lines[0], "{not json", lines[1]]);
        var before = File.ReadAllText(FilePath);

        var error = Assert.Throws<InvalidDataException>(() => Restart());

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Contains(FilePath, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(FilePath));
        Assert.Contains(first.Id, before, StringComparison.Ordinal);
    }
}
