using System.Net;
using AgentGate.Gateway.Guards.Network;

namespace AgentGate.Gateway.Tests.Guards.Network;

public sealed class AddressClassifierTests
{
    [Theory]
    [InlineData("127.0.0.1", "Loopback")]
    [InlineData("127.255.0.9", "Loopback")]
    [InlineData("::1", "Loopback")]
    [InlineData("10.0.0.1", "Private")]
    [InlineData("172.16.5.4", "Private")]
    [InlineData("192.168.1.1", "Private")]
    [InlineData("169.254.1.1", "LinkLocal")]
    [InlineData("fe80::1", "LinkLocal")]
    [InlineData("100.64.0.1", "SharedCgnat")]
    [InlineData("100.127.255.254", "SharedCgnat")]
    [InlineData("169.254.169.254", "CloudMetadata")]
    [InlineData("fd00:ec2::254", "CloudMetadata")]
    [InlineData("0.0.0.0", "Unspecified")]
    [InlineData("::", "Unspecified")]
    [InlineData("0.1.2.3", "Reserved")]
    [InlineData("224.0.0.1", "Multicast")]
    [InlineData("ff02::1", "Multicast")]
    [InlineData("255.255.255.255", "Broadcast")]
    [InlineData("240.0.0.1", "Reserved")]
    [InlineData("fd12:3456::1", "UniqueLocal")]
    [InlineData("fc00::1", "UniqueLocal")]
    [InlineData("192.0.2.1", "Documentation")]
    [InlineData("8.8.8.8", "Public")]
    [InlineData("1.1.1.1", "Public")]
    [InlineData("2606:4700::1111", "Public")]
    [InlineData("100.128.0.1", "Public")]
    [InlineData("172.32.0.1", "Public")]
    public void Classify_KnownRanges_ReturnsClass(string address, string expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)).ToString());

    [Theory]
    [InlineData("::ffff:10.0.0.1", "Private")]
    [InlineData("::ffff:127.0.0.1", "Loopback")]
    [InlineData("::ffff:169.254.169.254", "CloudMetadata")]
    [InlineData("::10.0.0.1", "Private")]
    [InlineData("::127.0.0.1", "Loopback")]
    [InlineData("64:ff9b::10.0.0.1", "Private")]
    [InlineData("64:ff9b::a9fe:a9fe", "CloudMetadata")]
    [InlineData("64:ff9b::8.8.8.8", "Public")]
    [InlineData("2002:0a00:0001::1", "Private")]
    [InlineData("2002:7f00:0001::", "Loopback")]
    [InlineData("2002:0808:0808::1", "Public")]
    [InlineData("2001:0:4136:e378:8000:63bf:f5ff:fffe", "Private")]
    public void Classify_EmbeddedV4_UsesEmbeddedAddress(string address, string expected) =>
        Assert.Equal(expected, AddressClassifier.Classify(IPAddress.Parse(address)).ToString());

    [Fact]
    public void Classify_LinkLocalWithScope_StillLinkLocal() =>
        Assert.Equal(AddressClass.LinkLocal, AddressClassifier.Classify(IPAddress.Parse("fe80::1%2")));
}
