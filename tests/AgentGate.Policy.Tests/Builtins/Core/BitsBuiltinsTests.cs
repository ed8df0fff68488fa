namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class BitsBuiltinsTests
{
    [Theory]
    [InlineData("bits.and", "7", "9", "1")]
    [InlineData("bits.and", "50", "0", "0")]
    [InlineData("bits.or", "8", "1", "9")]
    [InlineData("bits.xor", "42", "3", "41")]
    [InlineData("bits.xor", "42", "42", "0")]
    [InlineData("bits.lsh", "1", "3", "8")]
    [InlineData("bits.lsh", "2147483647", "1", "4294967294")]
    [InlineData("bits.lsh", "9223372036854775807", "1", "18446744073709551614")]
    [InlineData("bits.rsh", "8", "3", "1")]
    [InlineData("bits.rsh", "-10", "20", "-1")]
    [InlineData("bits.rsh", "10", "200", "0")]
    public void Binary_Integers_Computes(string name, string x, string y, string expected) =>
        Builtin.Yields(expected, name, x, y);

    [Fact]
    public void Negate_Integer_Complement() => Builtin.Yields("-43", "bits.negate", "42");

    [Theory]
    [InlineData("bits.and")]
    [InlineData("bits.xor")]
    [InlineData("bits.lsh")]
    [InlineData("bits.rsh")]
    public void Binary_FloatLhs_TypeError(string name) =>
        Builtin.TypeError($"{name}: operand 1 must be integer number but got floating-point number", name, "7.2", "42");

    [Fact]
    public void Negate_Float_TypeError() =>
        Builtin.TypeError("bits.negate: operand 1 must be integer number but got floating-point number", "bits.negate", "7.2");

    [Theory]
    [InlineData("bits.lsh")]
    [InlineData("bits.rsh")]
    public void Shift_NegativeCount_TypeError(string name) =>
        Builtin.TypeError($"{name}: operand 2 must be an unsigned integer number but got a negative integer", name, "7", "-1");
}
