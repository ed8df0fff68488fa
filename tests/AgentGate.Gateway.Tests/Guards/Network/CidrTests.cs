using System.Net;
using AgentGate.Gateway.Guards.Network;

namespace AgentGate.Gateway.Tests.Guards.Network;

public sealed class CidrTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.255.1.2", true)]
    [InlineData("10.0.0.0/8", "11.0.0.1", false)]
    [InlineData("10.1.2.3/8", "10.9.9.9", true)]
    [InlineData("172.16.0.0/12", "172.31.255.255", true)]
    [InlineData("172.16.0.0/12", "172.32.0.0", false)]
    [InlineData("fe80::/10", "febf::1", true)]
    [InlineData("fe80::/10", "fec0::1", false)]
    [InlineData("0.0.0.0/0", "8.8.8.8", true)]
    [InlineData("1.2.3.4", "1.2.3.4", true)]
    [InlineData("1.2.3.4", "1.2.3.5", false)]
    [InlineData("10.0.0.0/8", "::ffff:10.0.0.1", false)]
    public void Contains_Address_MatchesPrefix(string cidr, string address, bool expected) =>
        Assert.Equal(expected, Cidr.Parse(cidr).Contains(IPAddress.Parse(address)));

    [Theory]
    [InlineData("")]
    [InlineData("10.0.0.0/33")]
    [InlineData("::/129")]
    [InlineData("10.0.0.0/")]
    [InlineData("10.0.0.0/-1")]
    [InlineData("10.0.0.0/+8")]
    [InlineData("nope/8")]
    [InlineData("fe80::1%eth0/64")]
    public void TryParse_Invalid_ReturnsFalse(string text) => Assert.False(Cidr.TryParse(text, out _));

    [Fact]
    public void ToString_Normalises_NetworkBits() => Assert.Equal("10.0.0.0/8", Cidr.Parse("10.1.2.3/8").ToString());
}
