using AgentGate.Gateway.Approvals;
using AgentGate.Gateway.Budgets;
using AgentGate.Gateway.Tests.Budgets;

namespace AgentGate.Gateway.Tests.Approvals;

/// <summary>Redis mode: every replica opens its own connection to the shared Redis (AGENTGATE_TEST_REDIS).</summary>
public sealed class RedisApprovalStoreTests : ApprovalStoreTests
{
    private readonly string _prefix = $"agtest:{{{Guid.NewGuid():N}}}:";

    internal override bool Available => RedisTestServer.Connection is not null;

    internal override bool Durable => true;

    internal override IApprovalRepository OpenReplica() =>
        new RedisApprovalRepository(Own(BudgetServiceCollectionExtensions.ConnectRedis(Environment.GetEnvironmentVariable("AGENTGATE_TEST_REDIS")!)), _prefix);

    internal override IApprovalRepository Restart() => OpenReplica();

    [Fact]
    public void Request_Redis_KeysExpireWithTheApproval()
    {
        if (!Available) return;
        var held = Store.Request(Template(ttl: TimeSpan.FromMinutes(10)));
        var db = RedisTestServer.Connection!.GetDatabase();

        var approvalTtl = db.KeyTimeToLive(_prefix + "approval:" + held.Id);
        var callTtl = db.KeyTimeToLive(_prefix + "approval-call:" + Revision + ":" + held.ActionHash);

        Assert.InRange(callTtl!.Value, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.InRange(approvalTtl!.Value, TimeSpan.FromMinutes(9) + ApprovalRetention.AfterExpiry, TimeSpan.FromMinutes(10) + ApprovalRetention.AfterExpiry);
    }

    [Fact]
    public void List_ApprovalKeyGone_PrunedFromIndex()
    {
        if (!Available) return;
        var kept = Store.Request(Template("rm -rf /kept"));
        var gone = Store.Request(Template("rm -rf /gone"));
        var db = RedisTestServer.Connection!.GetDatabase();
        db.KeyDelete(_prefix + "approval:" + gone.Id);

        Assert.Equal([kept.Id], Store.List().Select(a => a.Id));
        Assert.Equal(1, db.SortedSetLength(_prefix + "approvals"));
    }
}
