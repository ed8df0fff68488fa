using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class SmallGroupsTests
{
    [Theory]
    [InlineData("crypto.hmac.md5", "31b6db9e5eb4addb42f1a6ca07367adc")]
    [InlineData("crypto.hmac.sha1", "85d155c55ed286a300bd1cf124de08d87e914f3a")]
    [InlineData("crypto.hmac.sha256", "147933218aaabc0b8b10a2b3a5c34684c8d94341bcf10a4736dc7270f7741851")]
    public void Hmac_FooBar_MatchesOpa(string name, string expected) =>
        Assert.Equal(S(expected), Builtin(name, S("foo"), S("bar")));

    [Fact]
    public void Hmac_NonStringKey_TypeError() =>
        Assert.Equal("eval_type_error", Error("crypto.hmac.sha256", S("foo"), N(1)).Code);

    [Fact]
    public void Sha256_Empty_KnownDigest() =>
        Assert.Equal(S("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), Builtin("crypto.sha256", S("")));

    [Theory]
    [InlineData("10.0.0.0/8", "10.1.0.0/24", true)]
    [InlineData("172.17.0.0/24", "172.17.0.0/16", false)]
    [InlineData("10.0.0.0/8", "10.1.2.3", true)]
    [InlineData("10.0.0.0/8", "192.168.1.1", false)]
    [InlineData("2001:4860:4860::8888/32", "2001:4860:4860:1234::8888/40", true)]
    [InlineData("2001:4860::/96", "2001:4860::/32", false)]
    public void CidrContains_Cases_MatchOpa(string cidr, string other, bool expected) =>
        Assert.Equal(BooleanValue.From(expected), Builtin("net.cidr_contains", S(cidr), S(other)));

    [Fact]
    public void CidrContains_Malformed_BuiltinError() =>
        Assert.Equal("eval_builtin_error", Error("net.cidr_contains", S("not-a-cidr"), S("192.168.1.67")).Code);

    [Fact]
    public void CidrExpand_Slash30_FourAddresses() =>
        Assert.Equal(4, ((SetValue)Builtin("net.cidr_expand", S("192.168.0.0/30"))!).Count);

    [Theory]
    [InlineData("1.0.0", true)]
    [InlineData("1", false)]
    [InlineData("1.0.0-rc.1+build", true)]
    public void SemverIsValid_Strings_MatchSpec(string version, bool expected) =>
        Assert.Equal(BooleanValue.From(expected), Builtin("semver.is_valid", S(version)));

    [Fact]
    public void SemverIsValid_Number_False() => Assert.Equal(BooleanValue.False, Builtin("semver.is_valid", N(1)));

    [Theory]
    [InlineData("1.0.0", "1.0.1", -1)]
    [InlineData("1.0.0-alpha", "1.0.0", -1)]
    [InlineData("1.0.0-alpha.2", "1.0.0-alpha.10", -1)]
    [InlineData("2.0.0", "2.0.0+x", 0)]
    public void SemverCompare_Pairs_Ordered(string a, string b, int expected) =>
        Assert.Equal(N(expected), Builtin("semver.compare", S(a), S(b)));

    [Fact]
    public void SemverCompare_InvalidSecond_OpaMessage() =>
        Assert.Equal("semver.compare: operand 2: string 1.0 is not a valid SemVer", Error("semver.compare", S("1.0.0"), S("1.0")).Message);

    [Fact]
    public void RandIntn_SameQuery_StableValue()
    {
        var context = new BuiltinContext(FixedNow) { Seed = 7 };
        var first = Builtin(context, "rand.intn", S("key"), N(100));
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(first, Builtin(context, "rand.intn", S("key"), N(100)));
        }

        Assert.True(((NumberValue)first!).TryGetInt64(out var v) && v is >= 0 and < 100);
    }
}
