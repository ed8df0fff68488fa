using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class NetMatchTests
{
    [Fact]
    public void CidrContainsMatches_ArrayAndObject_IndexKeyPairs() =>
        Assert.Equal(
            SetValue.From([J("[0, \"a\"]"), J("[1, \"b\"]")]),
            Builtin("net.cidr_contains_matches", J("[\"10.0.0.0/8\", \"192.168.0.0/16\"]"), J("{\"a\": \"10.1.2.3\", \"b\": [\"192.168.1.0/24\", \"x\"], \"c\": \"8.8.8.8\"}")));

    [Fact]
    public void CidrMerge_AdjacentAndContained_Minimal() =>
        Assert.Equal(
            SetValue.From([S("10.0.0.0/23"), S("192.168.1.1/24")]),
            Builtin("net.cidr_merge", J("[\"10.0.0.0/24\", \"10.0.1.0/24\", \"10.0.0.128/25\", \"192.168.1.1\"]")));

    [Fact]
    public void CidrMerge_Ipv6_Merged() =>
        Assert.Equal(SetValue.From([S("2001:db8::/31")]), Builtin("net.cidr_merge", J("[\"2001:db8::/32\", \"2001:db9::/32\"]")));

    [Fact]
    public void CidrMerge_NotCollection_BuiltinError() =>
        Assert.Contains("operand must be an array", Error("net.cidr_merge", S("10.0.0.0/8")).Message, StringComparison.Ordinal);

    [Fact]
    public void CidrMerge_SingleUnmergedCidr_KeptAsWritten() =>
        Assert.Equal(SetValue.From([S("10.0.0.0/8"), S("12.0.0.0/8")]), Builtin("net.cidr_merge", J("[\"12.0.0.0/8\", \"10.0.0.0/8\"]")));

    [Fact]
    public void CidrContains_NeitherIpNorCidr_OpaMessage() =>
        Assert.Contains("not a valid textual representation of an IP address or CIDR: nope",
            Error("net.cidr_contains", S("10.0.0.0/8"), S("nope")).Message, StringComparison.Ordinal);
}
