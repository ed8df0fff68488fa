using AgentGate.Sandbox.Fleet;

namespace AgentGate.Sandbox.Tests.Fleet;

public sealed class GatewayInstanceRegistryTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("agentgate-instances-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void IsAlive_HeldLease_TrueUntilDisposed()
    {
        var registry = new GatewayInstanceRegistry(_directory);
        var lease = registry.Acquire();

        Assert.Matches("^gw-[0-9a-f]{12}$", lease.Id);
        Assert.True(registry.IsAlive(lease.Id));
        Assert.True(new GatewayInstanceRegistry(_directory).IsAlive(lease.Id));
        lease.Dispose();
        Assert.False(registry.IsAlive(lease.Id));
    }

    [Fact]
    public void IsAlive_StaleLockFileOfCrashedGateway_FalseAndFileRemoved()
    {
        var registry = new GatewayInstanceRegistry(_directory);
        var stale = Path.Combine(_directory, "gw-0123456789ab.lock");
        File.WriteAllText(stale, "");

        Assert.False(registry.IsAlive("gw-0123456789ab"));
        Assert.False(File.Exists(stale));
    }

    [Theory]
    [InlineData("local")]
    [InlineData("test-fleet")]
    [InlineData("gw-../../etc")]
    [InlineData("")]
    public void IsAlive_IdNotIssuedByRegistry_TreatedAsAlive(string id)
    {
        Assert.True(new GatewayInstanceRegistry(_directory).IsAlive(id));
    }

    [Fact]
    public void Acquire_Twice_DistinctIdsBothAlive()
    {
        var registry = new GatewayInstanceRegistry(_directory);
        using var a = registry.Acquire();
        using var b = registry.Acquire();

        Assert.NotEqual(a.Id, b.Id);
        Assert.True(registry.IsAlive(a.Id) && registry.IsAlive(b.Id));
    }

    [Fact]
    public void Acquire_DirectoryIsAFile_ErrorNamesTheSetting()
    {
        var file = Path.Combine(_directory, "not-a-directory");
        File.WriteAllText(file, "");

        var ex = Assert.Throws<InvalidOperationException>(() => new GatewayInstanceRegistry(file).Acquire());

        Assert.Contains("AgentGate:Sandbox:InstanceDirectory", ex.Message, StringComparison.Ordinal);
    }
}
