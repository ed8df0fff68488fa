using System.Text;
using AgentGate.Gateway.Guards.Git;

namespace AgentGate.Gateway.Tests.Guards.Git;

public sealed class ReceivePackTests
{
    private static readonly string A = new('a', 40);
    private static readonly string B = new('b', 40);
    private static readonly string Z = new('0', 40);

    private static byte[] Body(string caps, params string[] commands)
    {
        var ms = new MemoryStream();
        for (var i = 0; i < commands.Length; i++)
        {
            var line = i == 0 ? commands[i] + "\0" + caps + "\n" : commands[i] + "\n";
            ms.Write(PktLine.Encode(line));
        }

        ms.Write(PktLine.Flush);
        return ms.ToArray();
    }

    [Fact]
    public async Task ReadAsync_Commands_ParsedAndPackLeftUnread()
    {
        var head = Body("report-status side-band-64k agent=git/2.39", $"{A} {B} refs/heads/main", $"{Z} {B} refs/heads/new", $"{A} {Z} refs/heads/old");
        var pack = "PACK\0\0\0\u0002rest-of-pack"u8.ToArray();
        var stream = new MemoryStream([.. head, .. pack]);
        var r = await ReceivePackRequestReader.ReadAsync(stream, CancellationToken.None);
        Assert.Null(r.Error);
        Assert.Equal(3, r.Updates.Count);
        Assert.Equal(new RefUpdate("refs/heads/main", A, B), r.Updates[0]);
        Assert.True(r.Updates[1].IsCreate);
        Assert.True(r.Updates[2].IsDelete);
        Assert.False(r.Updates[0].IsCreate || r.Updates[0].IsDelete);
        Assert.True(r.SideBand64k && r.ReportStatus);
        Assert.Equal(head, r.Consumed);
        Assert.Equal(head.Length, stream.Position);
    }

    [Fact]
    public async Task ReadAsync_PushOptions_ReadUntilFlush()
    {
        var ms = new MemoryStream();
        ms.Write(Body("report-status push-options", $"{A} {B} refs/heads/main"));
        ms.Write(PktLine.Encode("ci.skip\n"));
        ms.Write(PktLine.Flush);
        var consumedLength = ms.Length;
        ms.Write("PACK"u8);
        ms.Position = 0;
        var r = await ReceivePackRequestReader.ReadAsync(ms, CancellationToken.None);
        Assert.Equal(["ci.skip"], r.PushOptions);
        Assert.Equal(consumedLength, r.Consumed.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("00")]
    [InlineData("zzzz")]
    [InlineData("0003")]
    [InlineData("0000")]
    [InlineData("0010short")]
    public async Task ReadAsync_Malformed_Error(string raw)
    {
        var r = await ReceivePackRequestReader.ReadAsync(new MemoryStream(Encoding.ASCII.GetBytes(raw)), CancellationToken.None);
        Assert.NotNull(r.Error);
    }

    [Theory]
    [InlineData("not-an-id x refs/heads/main")]
    [InlineData("push-cert\0report-status")]
    public async Task ReadAsync_BadCommand_Error(string line)
    {
        var body = new MemoryStream([.. PktLine.Encode(line + "\n"), .. PktLine.Flush]);
        Assert.NotNull((await ReceivePackRequestReader.ReadAsync(body, CancellationToken.None)).Error);
    }

    [Fact]
    public async Task Build_SideBand_WrapsReportStatusAndMessages()
    {
        var req = await ReceivePackRequestReader.ReadAsync(new MemoryStream(Body("report-status side-band-64k", $"{A} {B} refs/heads/main", $"{A} {B} refs/heads/dev")), CancellationToken.None);
        var bytes = ReceivePackRefusalWriter.Build(req, new Dictionary<string, string> { ["refs/heads/main"] = "force push\nto main denied" }, ["AgentGate: push refused"]);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("001d\u0002AgentGate: push refused\n", text, StringComparison.Ordinal);
        Assert.Contains("\u0001000eunpack ok\n", text, StringComparison.Ordinal);
        Assert.Contains("ng refs/heads/main force push to main denied\n", text, StringComparison.Ordinal);
        Assert.Contains("ng refs/heads/dev not applied", text, StringComparison.Ordinal);
        Assert.EndsWith("00000000", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_NoSideBand_PlainReportStatus()
    {
        var req = await ReceivePackRequestReader.ReadAsync(new MemoryStream(Body("report-status", $"{A} {B} refs/heads/main")), CancellationToken.None);
        var text = Encoding.UTF8.GetString(ReceivePackRefusalWriter.Build(req, new Dictionary<string, string> { ["refs/heads/main"] = "no" }, ["ignored"]));
        Assert.Equal("000eunpack ok\n001ang refs/heads/main no\n0000", text);
    }
}
