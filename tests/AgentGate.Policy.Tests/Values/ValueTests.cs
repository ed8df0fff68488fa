using System.Numerics;
using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Values;

public sealed class ValueTests
{
    [Fact]
    public void NumberTryParse_HugeInteger_RoundTripsExactly()
    {
        Assert.True(NumberValue.TryParse("18446744073709551614", out var n));
        Assert.True(n.IsInteger);
        Assert.Equal(BigInteger.Parse("18446744073709551614"), n.AsBigInteger());
        Assert.Equal("18446744073709551614", n.ToString());
        Assert.Equal("[18446744073709551614]", ValueJson.Serialize(ValueJson.Parse("[18446744073709551614]")));
    }

    [Fact]
    public void NumberArithmetic_DecimalsAndOverflow_Exact()
    {
        var a = NumberValue.From(long.MaxValue);
        Assert.Equal("9223372036854775808", NumberValue.Add(a, NumberValue.One).ToString());
        Assert.True(NumberValue.TryParse("0.1", out var x));
        Assert.True(NumberValue.TryParse("0.2", out var y));
        Assert.Equal("0.3", NumberValue.Add(x, y).ToString());
        Assert.Null(NumberValue.Divide(a, NumberValue.Zero));
        Assert.Equal(NumberValue.From(2), NumberValue.Divide(NumberValue.From(4), NumberValue.From(2)));
        Assert.True(NumberValue.TryParse("1.0", out var one));
        Assert.Equal(NumberValue.One, one);
        Assert.Equal(NumberValue.One.GetHashCode(), one.GetHashCode());
        Assert.True(NumberValue.TryParse("1e3", out var k));
        Assert.Equal(NumberValue.From(1000), k);
    }

    [Fact]
    public void CompareTo_MixedKinds_FollowsOpaTotalOrder()
    {
        Value[] ordered =
        [
            NullValue.Instance,
            BooleanValue.False,
            BooleanValue.True,
            NumberValue.From(-1),
            NumberValue.From(2.5),
            NumberValue.From(3),
            StringValue.From("a"),
            StringValue.From("b"),
            ArrayValue.From(NumberValue.One),
            ArrayValue.From(NumberValue.One, NumberValue.One),
            ObjectValue.From([new(StringValue.From("a"), NumberValue.One)]),
            SetValue.From([NumberValue.One]),
        ];
        var shuffled = ordered.Reverse().ToList();
        shuffled.Sort();
        Assert.Equal(ordered, shuffled);
    }

    [Fact]
    public void Equals_SetsAndObjects_Structural()
    {
        var s1 = SetValue.From([NumberValue.One, StringValue.From("x")]);
        var s2 = SetValue.From([StringValue.From("x"), NumberValue.One]);
        Assert.Equal(s1, s2);
        Assert.Equal(s1.GetHashCode(), s2.GetHashCode());
        Assert.Equal("{1, \"x\"}", s1.ToString());
        Assert.Equal("set()", SetValue.Empty.ToString());
    }

    [Fact]
    public void ValueJson_RoundTrip_PreservesStructure()
    {
        const string json = "{\"a\":[1,2.5,\"s\",null,true,false],\"b\":{\"c\":18446744073709551614}}";
        var v = ValueJson.Parse(json);
        Assert.Equal(json, ValueJson.Serialize(v));
        Assert.Equal(v, ValueJson.Parse(ValueJson.Serialize(v)));
    }

    [Fact]
    public void ValueJson_SetAndNonStringKeys_SerializedAsOpa()
    {
        var o = ObjectValue.From([new(NumberValue.One, SetValue.From([NumberValue.From(2), NumberValue.One]))]);
        Assert.Equal("{\"1\":[1,2]}", ValueJson.Serialize(o));
        Assert.Throws<FormatException>(() => ValueJson.Parse("{bad"));
    }

    [Fact]
    public void BuiltinException_TypeError_OpaText()
    {
        var e = BuiltinException.TypeError("plus", 2, "number", StringValue.From("x"));
        Assert.Equal("plus: operand 2 must be number but got string", e.Message);
        Assert.Equal("eval_type_error", e.Code);
        Assert.Equal("eval_builtin_error", BuiltinException.Error("div", "divide by zero").Code);
    }
}
