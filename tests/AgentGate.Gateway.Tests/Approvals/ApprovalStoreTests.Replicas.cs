using AgentGate.Gateway.Approvals;

namespace AgentGate.Gateway.Tests.Approvals;

public abstract partial class ApprovalStoreTests
{
    [Fact]
    public void TryConsume_ApprovedOnReplicaA_ExactlyOneRetryThroughOnReplicaB()
    {
        if (!Available) return;
        var a = Replica();
        var b = Replica();
        var held = b.Request(Template());
        Assert.Null(b.TryConsume(held.ActionHash, Revision));

        Assert.Equal(held.Id, a.Get(held.Id)!.Id);
        Assert.Null(a.Decide(held.Id, "alice", approve: true, null));

        Assert.Null(b.TryConsume(held.ActionHash, "rev-2"));
        Assert.Equal(held.Id, b.TryConsume(held.ActionHash, Revision)?.Id);
        Assert.Null(b.TryConsume(held.ActionHash, Revision));
        Assert.Null(a.TryConsume(held.ActionHash, Revision));
        Assert.Equal(ApprovalState.Consumed, a.Get(held.Id)!.State);
        Assert.NotEqual(held.Id, a.Request(Template()).Id);
    }

    [Fact]
    public void Request_ApprovedButNotYetUsed_ReturnsThatApproval()
    {
        if (!Available) return;
        var held = Store.Request(Template());
        Store.Decide(held.Id, "alice", approve: true, null);

        var again = Replica().Request(Template());

        Assert.Equal(held.Id, again.Id);
        Assert.Equal(ApprovalState.Approved, again.State);
    }

    [Fact]
    public async Task TryConsume_ConcurrentFromTwoReplicas_ExactlyOneThrough()
    {
        if (!Available) return;
        var a = Replica();
        var b = Replica();
        for (var round = 0; round < 20; round++)
        {
            var held = a.Request(Template("rm -rf /round-" + round));
            Assert.Null(b.Decide(held.Id, "alice", approve: true, null));
            using var start = new Barrier(4);

            // Dedicated threads: four pool threads blocked on the barrier and on synchronous Redis calls could
            // starve the pool the Redis client needs to complete those calls (a 2 s timeout on a 2-core box).
            var winners = await Task.WhenAll(new[] { a, b, a, b }.Select(store => Task.Factory.StartNew(
                () =>
                {
                    start.SignalAndWait(TimeSpan.FromSeconds(10));
                    return store.TryConsume(held.ActionHash, Revision);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default)));

            Assert.Single(winners, w => w is not null);
        }
    }

    [Fact]
    public void Get_AfterRestart_KeepsApprovalsWhenDurable()
    {
        if (!Available) return;
        var held = Store.Request(Template());
        Store.Decide(held.Id, "alice", approve: true, "ok");

        var restarted = new ApprovalStore(Restart(), Time);

        if (Durable)
        {
            Assert.Equal(ApprovalState.Approved, restarted.Get(held.Id)!.State);
            Assert.Equal(held.Id, restarted.TryConsume(held.ActionHash, Revision)?.Id);
        }
        else
        {
            Assert.Null(restarted.Get(held.Id));
        }
    }
}
