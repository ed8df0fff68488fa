using AgentGate.Gateway.Identity;

namespace AgentGate.Gateway.Tests.Identity;

public abstract partial class TokenStoreTests
{
    [Fact]
    public async Task CheckAsync_TokenIssuedByOtherReplica_Valid()
    {
        if (!Available) return;
        var a = Gateway(OpenReplica());
        var b = Gateway(OpenReplica());

        var token = await IssueAsync(a, task: "ISSUE-9");

        var check = await b.CheckAsync(token.Token, CancellationToken.None);
        Assert.True(check.IsValid);
        Assert.Equal("ISSUE-9", check.Token!.Task);
    }

    [Fact]
    public async Task RevokeAsync_OnOneReplica_RefusedOnTheOtherAtOnce()
    {
        if (!Available) return;
        var a = Gateway(OpenReplica());
        var b = Gateway(OpenReplica());
        var token = await IssueAsync(a);
        // B has looked the token up (and may cache it); the fake clock never ages that cache entry, so only the
        // revocation reaching B can make it refuse.
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(b, token.Token));
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(b, token.Token));

        Assert.True(await a.RevokeAsync(token.Id, CancellationToken.None));

        Assert.Equal(TokenCheckStatus.Revoked, await StatusAsync(a, token.Token));
        await Eventually(async () => await StatusAsync(b, token.Token) == TokenCheckStatus.Revoked, "replica B to see the revocation");
    }

    [Fact]
    public async Task CheckAsync_AfterRestart_KeepsTokensAndRevocationsWhenDurable()
    {
        if (!Available) return;
        var first = OpenReplica();
        var kept = await IssueAsync(Gateway(first), TimeSpan.FromHours(2), "ISSUE-1");
        var revoked = await IssueAsync(Gateway(first));
        Assert.True(await Gateway(first).RevokeAsync(revoked.Id, CancellationToken.None));

        var restarted = Gateway(Restart(first));

        var check = await restarted.CheckAsync(kept.Token, CancellationToken.None);
        if (Durable)
        {
            Assert.True(check.IsValid);
            Assert.Equal("ISSUE-1", check.Token!.Task);
            Assert.Equal(kept.ExpiresAt, check.Token.ExpiresAt);
            Assert.Equal(TokenCheckStatus.Revoked, await StatusAsync(restarted, revoked.Token));
            Assert.True(await restarted.RevokeAsync(kept.Id, CancellationToken.None));
            Assert.Equal(TokenCheckStatus.Revoked, await StatusAsync(restarted, kept.Token));
        }
        else
        {
            Assert.Equal(TokenCheckStatus.Unknown, check.Status);
        }
    }
}
