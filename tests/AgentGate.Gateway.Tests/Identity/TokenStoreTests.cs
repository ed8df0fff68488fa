using AgentGate.Gateway.Config;
using AgentGate.Gateway.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace AgentGate.Gateway.Tests.Identity;

public sealed class TokenStoreTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 2, 11, 14, 0, 0, TimeSpan.Zero));
    private readonly TokenStore _store;

    public TokenStoreTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AgentGate:Agents:builder-17:Role"] = "builder",
        }).Build();
        _store = new TokenStore(ConfigReader.ReadOrThrow(configuration), _time);
    }

    [Fact]
    public void Issue_KnownAgent_ReturnsRandomTokenValidatingToAgent()
    {
        var first = _store.Issue("builder-17", "ISSUE-342", TimeSpan.FromHours(1)).Token!;
        var second = _store.Issue("builder-17", "ISSUE-342", TimeSpan.FromHours(1)).Token!;

        Assert.StartsWith("agt_", first.Token, StringComparison.Ordinal);
        Assert.True(first.Token.Length >= 4 + 43);
        Assert.NotEqual(first.Token, second.Token);
        var check = _store.Check(first.Token);
        Assert.True(check.IsValid);
        Assert.Equal("builder-17", check.Agent!.Id);
        Assert.Equal("ISSUE-342", check.Token!.Task);
        Assert.NotEqual(first.Token, check.Token.Hash);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromHours(1), first.ExpiresAt);
    }

    [Fact]
    public void Issue_UnknownAgent_Refused()
    {
        var result = _store.Issue("intruder", null, null);

        Assert.Null(result.Token);
        Assert.Contains("intruder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_TtlAboveMaximum_Refused()
    {
        Assert.Null(_store.Issue("builder-17", null, TimeSpan.FromDays(400)).Token);
    }

    [Fact]
    public void Check_AfterExpiry_Expired()
    {
        var token = _store.Issue("builder-17", null, TimeSpan.FromMinutes(10)).Token!;

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.True(_store.Check(token.Token).IsValid);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TokenCheckStatus.Expired, _store.Check(token.Token).Status);
    }

    [Fact]
    public void Check_AfterRevoke_Revoked()
    {
        var token = _store.Issue("builder-17", null, null).Token!;

        Assert.True(_store.Revoke(token.Id));

        Assert.Equal(TokenCheckStatus.Revoked, _store.Check(token.Token).Status);
        Assert.False(_store.Revoke("tok_unknown"));
    }

    [Theory]
    [InlineData(null, (int)TokenCheckStatus.Missing)]
    [InlineData("", (int)TokenCheckStatus.Missing)]
    [InlineData("agt_not-issued", (int)TokenCheckStatus.Unknown)]
    [InlineData("sk-ant-something", (int)TokenCheckStatus.Unknown)]
    public void Check_NotIssued_Refused(string? presented, int expected)
    {
        Assert.Equal((TokenCheckStatus)expected, _store.Check(presented).Status);
    }
}
