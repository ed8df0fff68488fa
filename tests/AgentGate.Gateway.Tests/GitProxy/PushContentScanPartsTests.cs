using System.Text;
using AgentGate.Gateway.GitProxy;
using AgentGate.Gateway.Guards.Git;
using AgentGate.Gateway.Guards.Leaks;

namespace AgentGate.Gateway.Tests.GitProxy;

public sealed class PushContentScanPartsTests
{
    private const string Secret = "s3cr3t-value-for-the-push";
    private static readonly LeakScanner Scanner = new([new RegisteredSecret("git:app", Secret, [])]);

    /// <remarks>Content starts 15 bytes into the output ("a1 blob 150000\n"), so 65,510 straddles the reader's 64 KiB buffer and 16,360 a 4 KiB read.</remarks>
    [Theory]
    [InlineData(1, 65_510)]
    [InlineData(7, 65_510)]
    [InlineData(4096, 16_360)]
    [InlineData(1 << 20, 65_510)]
    public async Task ScanContentAsync_SecretAcrossChunkBoundary_FoundAndNamed(int readSize, int at)
    {
        var blob = Filler(150_000);
        Encoding.ASCII.GetBytes(Secret).CopyTo(blob, at);
        var reader = new CatFileBatchReader(new TrickleStream(Batch(("a1", "blob", blob), ("b2", "blob", Filler(10))), readSize));
        var header = await reader.ReadHeaderAsync(CancellationToken.None);

        var (finding, fed) = await PushContentScanner.ScanContentAsync(reader, Scanner.StartScan(null), header!.Value.Size, null, CancellationToken.None);

        Assert.Equal(("a1", "git:app"), (header.Value.Id, finding?.SecretName));
        Assert.True(fed < blob.Length);
    }

    [Fact]
    public async Task ScanContentAsync_SecretPastLimit_NotFoundAndNextObjectStillRead()
    {
        var blob = Filler(20_000);
        Encoding.ASCII.GetBytes(Secret).CopyTo(blob, 12_000);
        var tree = new MemoryStream();
        var reader = new CatFileBatchReader(new TrickleStream(Batch(("a1", "blob", blob), ("b2", "tree", Encoding.ASCII.GetBytes("x " + Secret))), 333));

        var first = await reader.ReadHeaderAsync(CancellationToken.None);
        var (clean, fed) = await PushContentScanner.ScanContentAsync(reader, Scanner.StartScan(null), 10_000, null, CancellationToken.None);
        var second = await reader.ReadHeaderAsync(CancellationToken.None);
        var (found, _) = await PushContentScanner.ScanContentAsync(reader, Scanner.StartScan(null), second!.Value.Size, tree, CancellationToken.None);

        Assert.Equal((20_000L, (LeakFinding?)null, 10_000L), (first!.Value.Size, clean, fed));
        Assert.Equal(("b2", "tree"), (second.Value.Id, second.Value.Type));
        Assert.NotNull(found);
        Assert.Null(await reader.ReadHeaderAsync(CancellationToken.None));
    }

    [Fact]
    public void Patch_CapabilityLine_AddsNoThinOnceAndKeepsOtherLines()
    {
        var line = Encoding.ASCII.GetBytes(new string('0', 40) + " refs/heads/main\0report-status delete-refs ofs-delta\n");

        var patched = ReceivePackAdvertisement.Patch(line)!;
        var again = ReceivePackAdvertisement.Patch(patched[4..])!;

        Assert.Equal(PktLine.Encode(new string('0', 40) + " refs/heads/main\0report-status delete-refs ofs-delta no-thin\n"), patched);
        Assert.Equal(patched, again);
        Assert.Null(ReceivePackAdvertisement.Patch("# service=git-receive-pack\n"u8.ToArray()));
    }

    [Fact]
    public void PathOf_NestedPushedTrees_FullPathAndUnknownBlobNull()
    {
        var (root, src, blob, old) = (new string('1', 40), new string('2', 40), new string('3', 40), new string('4', 40));
        var index = new TreePathIndex([root, src, blob]);

        index.AddTree(src, Entry("100644", "config.txt", blob), 20);
        index.AddTree(root, [.. Entry("40000", "src", src), .. Entry("100644", "README", old)], 20);

        Assert.Equal("src/config.txt", index.PathOf(blob));
        Assert.Null(index.PathOf(old));
    }

    [Fact]
    public void Build_OverLimits_RefusesOrTrimsWithNotesAndOrdersTreesBeforeBlobs()
    {
        List<PushObject> listed = [new("b1", "blob", 600), new("t1", "tree", 100), new("c1", "commit", 200), new("b2", "blob", 5000)];
        var refuse = new GitProxyOptions(1 << 20, 10, MaxScanObjects: 10, MaxScanBytes: 2000, MaxScanObjectBytes: 1024);

        var refused = ScanPlan.Build(listed, refuse);
        var allowed = ScanPlan.Build(listed, refuse with { ScanOverLimit = ScanOverLimitPolicy.Allow, MaxScanObjects = 3 });

        Assert.Equal("blob b2 is 5000 bytes, over AgentGate:Git:MaxScanObjectBytes (1024)", refused.Problem);
        Assert.Null(allowed.Problem);
        Assert.Equal(["c1", "t1", "b1"], allowed.Objects.Select(o => o.Id));
        Assert.Contains("more than 3 objects", allowed.Unscanned);
        Assert.Contains("inflates to more than", ScanPlan.Build(listed, refuse with { MaxScanObjectBytes = 10_000 }).Problem);
    }

    private static byte[] Entry(string mode, string name, string id) => [.. Encoding.ASCII.GetBytes(mode + " " + name + "\0"), .. Convert.FromHexString(id)];

    private static byte[] Filler(int length) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("lorem ipsum dolor ", (length / 18) + 1)))[..length];

    private static byte[] Batch(params (string Id, string Type, byte[] Content)[] objects)
    {
        var output = new MemoryStream();
        foreach (var (id, type, content) in objects)
        {
            output.Write(Encoding.ASCII.GetBytes($"{id} {type} {content.Length}\n"));
            output.Write(content);
            output.WriteByte((byte)'\n');
        }

        return output.ToArray();
    }

    /// <summary>Hands out at most <c>readSize</c> bytes per read, like a pipe under load.</summary>
    private sealed class TrickleStream(byte[] data, int readSize) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => data.Length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, readSize), data.Length - _position);
            Array.Copy(data, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
