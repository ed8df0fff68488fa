using System.Text;
using AgentGate.Gateway.Guards.Leaks;
using AgentGate.Gateway.LeakStop;

namespace AgentGate.Gateway.Tests.LeakStop;

public sealed class LeakScanningStreamTests
{
    private static readonly LeakScanner Scanner = new([new RegisteredSecret("git:app", "s3cr3t-value-for-app", ["git.example.com"])]);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(100_000)]
    public async Task ReadAsync_TokenAcrossTinyChunks_ThrowsBeforeAnyPartIsReleased(int chunk)
    {
        var data = Encoding.ASCII.GetBytes(new string('a', 20_000) + "s3cr3t-value-for-app" + new string('b', 20_000));
        using var stream = new LeakScanningStream(new ChunkedStream(data, chunk), Scanner.StartScan("other.example.com"), Scanner.Options.CarryBytes);
        var released = new MemoryStream();

        var ex = await Assert.ThrowsAsync<CredentialLeakException>(() => stream.CopyToAsync(released));

        Assert.Equal("git:app", ex.Finding.SecretName);
        Assert.DoesNotContain("s3cr", Encoding.ASCII.GetString(released.ToArray()));
        Assert.True(released.Length <= 20_000);
    }

    [Fact]
    public async Task ReadAsync_CleanOrBoundHost_AllBytesIntact()
    {
        var data = new byte[200_003];
        new Random(3).NextBytes(data);
        Encoding.ASCII.GetBytes("s3cr3t-value-for-app").CopyTo(data, 1000);
        using var stream = new LeakScanningStream(new ChunkedStream(data, 4099), Scanner.StartScan("git.example.com"), Scanner.Options.CarryBytes);
        var copy = new MemoryStream();

        await stream.CopyToAsync(copy);

        Assert.Equal(data, copy.ToArray());
        Assert.Null(stream.Finding);
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, like a slow client.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
