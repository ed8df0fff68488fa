using AgentGate.Gateway.Approvals;

namespace AgentGate.Gateway.Tests.Approvals;

public abstract partial class ApprovalStoreTests
{
    [Fact]
    public void Request_SameCallTwice_OnePendingApproval()
    {
        if (!Available) return;
        var first = Store.Request(Template());
        var second = Store.Request(Template());
        var otherRevision = Store.Request(Template(revision: "rev-2"));

        Assert.StartsWith("apr_", first.Id, StringComparison.Ordinal);
        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.Id, otherRevision.Id);
        Assert.Equal(ApprovalState.Pending, Store.Get(first.Id)!.State);
        Assert.Equal(["exec: destructive command needs approval"], Store.Get(first.Id)!.Reasons);
        Assert.Equal(new[] { first.Id, otherRevision.Id }.Order(StringComparer.Ordinal), Store.List().Select(a => a.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Decide_Approved_RecordsHumanAndTime()
    {
        if (!Available) return;
        var pending = Store.Request(Template());
        Time.Advance(TimeSpan.FromMinutes(3));

        Assert.Null(Store.Decide(pending.Id, "alice", approve: true, "scratch box"));

        var approved = Store.Get(pending.Id)!;
        Assert.Equal(ApprovalState.Approved, approved.State);
        Assert.Equal("alice", approved.DecidedBy);
        Assert.Equal("scratch box", approved.Comment);
        Assert.Equal(Time.GetUtcNow(), approved.DecidedAt);
    }

    [Theory]
    [InlineData("sam", 403, "separation_of_duties")]
    [InlineData("SAM", 403, "separation_of_duties")]
    [InlineData("builder-17", 403, "separation_of_duties")]
    [InlineData("agt_abc", 403, "separation_of_duties")]
    [InlineData(" ", 400, "bad_request")]
    public void Decide_ByOwnerAgentTokenOrNobody_RefusedAndStillPending(string approver, int status, string type)
    {
        if (!Available) return;
        var pending = Store.Request(Template());

        var error = Store.Decide(pending.Id, approver, approve: true, null);

        Assert.Equal((status, type), (error!.Status, error.Type));
        Assert.Equal(ApprovalState.Pending, Store.Get(pending.Id)!.State);
        Assert.Null(Store.TryConsume(pending.ActionHash, Revision));
    }

    [Fact]
    public void Decide_Twice_SecondIsClosed()
    {
        if (!Available) return;
        var pending = Store.Request(Template());
        Assert.Null(Store.Decide(pending.Id, "alice", approve: false, null));

        var second = Store.Decide(pending.Id, "bob", approve: true, null);

        Assert.Equal((409, "approval_closed"), (second!.Status, second.Type));
        Assert.Equal("alice", Store.Get(pending.Id)!.DecidedBy);
        Assert.Equal(ApprovalState.Denied, Store.Get(pending.Id)!.State);
    }

    [Fact]
    public void Decide_UnknownId_NotFound()
    {
        if (!Available) return;
        Assert.Equal(404, Store.Decide("apr_nope", "alice", approve: true, null)!.Status);
        Assert.Null(Store.Get("apr_nope"));
    }

    [Fact]
    public void TryConsume_Denied_NothingAndNextRequestIsNew()
    {
        if (!Available) return;
        var pending = Store.Request(Template());
        Store.Decide(pending.Id, "alice", approve: false, null);

        Assert.Null(Store.TryConsume(pending.ActionHash, Revision));
        var again = Store.Request(Template());
        Assert.NotEqual(pending.Id, again.Id);
        Assert.Equal(ApprovalState.Pending, again.State);
    }

    [Fact]
    public void Expiry_PendingAndApproved_ExpireAndCannotBeUsed()
    {
        if (!Available) return;
        var pending = Store.Request(Template("rm -rf /a", ttl: TimeSpan.FromMinutes(10)));
        var approved = Store.Request(Template("rm -rf /b", ttl: TimeSpan.FromMinutes(10)));
        Store.Decide(approved.Id, "alice", approve: true, null);

        Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal(ApprovalState.Expired, Store.Get(pending.Id)!.State);
        Assert.Equal(ApprovalState.Expired, Store.Get(approved.Id)!.State);
        var late = Store.Decide(pending.Id, "alice", approve: true, null);
        Assert.Equal((409, "approval_closed"), (late!.Status, late.Type));
        Assert.Contains("expired", late.Message, StringComparison.Ordinal);
        Assert.Null(Store.TryConsume(approved.ActionHash, Revision));
        Assert.NotEqual(pending.Id, Store.Request(Template("rm -rf /a")).Id);
        Assert.All(Store.List().Where(a => a.Id == pending.Id || a.Id == approved.Id), a => Assert.Equal(ApprovalState.Expired, a.State));
    }
}
