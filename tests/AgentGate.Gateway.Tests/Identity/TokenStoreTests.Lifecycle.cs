using AgentGate.Gateway.Identity;

namespace AgentGate.Gateway.Tests.Identity;

public abstract partial class TokenStoreTests
{
    [Fact]
    public async Task IssueAsync_KnownAgent_ReturnsRandomTokenValidatingToAgent()
    {
        if (!Available) return;
        var first = await IssueAsync(Store, TimeSpan.FromHours(1), "ISSUE-342");
        var second = await IssueAsync(Store, TimeSpan.FromHours(1), "ISSUE-342");

        Assert.StartsWith("agt_", first.Token, StringComparison.Ordinal);
        Assert.True(first.Token.Length >= 4 + 43);
        Assert.NotEqual(first.Token, second.Token);
        var check = await Store.CheckAsync(first.Token, CancellationToken.None);
        Assert.True(check.IsValid);
        Assert.Equal("builder-17", check.Agent!.Id);
        Assert.Equal("ISSUE-342", check.Token!.Task);
        Assert.Equal(TokenStore.Hash(first.Token), check.Token.Hash);
        Assert.Equal(first.Id, check.Token.Id);
        Assert.Equal(Time.GetUtcNow() + TimeSpan.FromHours(1), first.ExpiresAt);
    }

    [Fact]
    public async Task IssueAsync_UnknownAgent_Refused()
    {
        if (!Available) return;
        var result = await Store.IssueAsync("intruder", null, null, CancellationToken.None);

        Assert.Null(result.Token);
        Assert.Contains("intruder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssueAsync_TtlAboveMaximum_Refused()
    {
        if (!Available) return;
        Assert.Null((await Store.IssueAsync("builder-17", null, TimeSpan.FromDays(400), CancellationToken.None)).Token);
    }

    [Fact]
    public async Task CheckAsync_AfterExpiry_Expired()
    {
        if (!Available) return;
        var token = await IssueAsync(Store, TimeSpan.FromMinutes(10));

        Time.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(Store, token.Token));
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TokenCheckStatus.Expired, await StatusAsync(Store, token.Token));
    }

    [Fact]
    public async Task CheckAsync_AfterRevoke_Revoked()
    {
        if (!Available) return;
        var token = await IssueAsync(Store);
        var other = await IssueAsync(Store);
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(Store, token.Token));

        Assert.True(await Store.RevokeAsync(token.Id, CancellationToken.None));

        Assert.Equal(TokenCheckStatus.Revoked, await StatusAsync(Store, token.Token));
        Assert.Equal(TokenCheckStatus.Valid, await StatusAsync(Store, other.Token));
        Assert.False(await Store.RevokeAsync("tok_unknown", CancellationToken.None));
    }

    [Theory]
    [InlineData(null, (int)TokenCheckStatus.Missing)]
    [InlineData("", (int)TokenCheckStatus.Missing)]
    [InlineData("agt_not-issued", (int)TokenCheckStatus.Unknown)]
    [InlineData("sk-ant-something", (int)TokenCheckStatus.Unknown)]
    public async Task CheckAsync_NotIssued_Refused(string? presented, int expected)
    {
        if (!Available) return;
        Assert.Equal((TokenCheckStatus)expected, await StatusAsync(Store, presented));
    }
}
