using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;
using static AgentGate.Policy.Tests.Builtins.Extended.Call;

namespace AgentGate.Policy.Tests.Builtins.Extended;

public sealed class UuidTests
{
    [Fact]
    public void Parse_Version4_VersionAndVariantOnly() =>
        Assert.Equal(J("{\"variant\":\"RFC4122\",\"version\":4}"), Builtin("uuid.parse", S("00000000-0000-4000-8000-000000000000")));

    [Fact]
    public void Parse_Version1_TimeNodeAndClock()
    {
        // 1970-01-01T00:00:00Z is 0x01B21DD213814000 hundred-nanosecond intervals after 1582-10-15.
        var parsed = (ObjectValue)Builtin("uuid.parse", S("13814000-1dd2-11b2-8123-0a0000000001"))!;
        Assert.Equal(N(0), parsed.Get(S("time")));
        Assert.Equal(N(0x0123), parsed.Get(S("clocksequence")));
        Assert.Equal(S("local:unicast:0a0000000001"), parsed.Get(S("nodeid")));
    }

    [Theory]
    [InlineData("not-a-uuid")]
    [InlineData("00000000-0000-4000-8000-00000000000g")]
    public void Parse_Malformed_Undefined(string text) => Assert.Null(Builtin("uuid.parse", S(text)));

    [Fact]
    public void Rfc4122_SameKeySameQuery_StableVersion4()
    {
        var context = new BuiltinContext(FixedNow) { Seed = 3 };
        var first = (StringValue)Builtin(context, "uuid.rfc4122", S("k"))!;
        Assert.Equal(first, Builtin(context, "uuid.rfc4122", S("k")));
        Assert.Equal(J("{\"variant\":\"RFC4122\",\"version\":4}"), Builtin("uuid.parse", first));
    }
}
