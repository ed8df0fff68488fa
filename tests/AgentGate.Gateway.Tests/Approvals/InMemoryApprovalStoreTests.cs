using AgentGate.Gateway.Approvals;

namespace AgentGate.Gateway.Tests.Approvals;

/// <summary>Embedded mode: replicas in one process share the repository; a restarted process starts empty.</summary>
public sealed class InMemoryApprovalStoreTests : ApprovalStoreTests
{
    private readonly InMemoryApprovalRepository _shared = new();

    internal override bool Available => true;

    internal override bool Durable => false;

    internal override IApprovalRepository OpenReplica() => _shared;

    internal override IApprovalRepository Restart() => new InMemoryApprovalRepository();

    [Fact]
    public void Request_ApprovalsPastRetention_Forgotten()
    {
        var old = Store.Request(Template("rm -rf /old", ttl: TimeSpan.FromMinutes(10)));
        Time.Advance(TimeSpan.FromMinutes(10) + ApprovalRetention.AfterExpiry);

        Store.Request(Template("rm -rf /new"));

        Assert.Null(Store.Get(old.Id));
        Assert.Single(Store.List());
    }
}
