namespace AgentGate.Policy.Tests.Builtins.Core;

public sealed class ArithmeticBuiltinsTests
{
    [Theory]
    [InlineData("plus", "1", "2", "3")]
    [InlineData("plus", "49649733057", "1", "49649733058")]
    [InlineData("plus", "0.1", "0.2", "0.3")]
    [InlineData("plus", "9223372036854775807", "1", "9223372036854775808")]
    [InlineData("minus", "0", "1", "-1")]
    [InlineData("mul", "3", "4", "12")]
    [InlineData("mul", "1.5", "2", "3")]
    [InlineData("div", "1", "2", "0.5")]
    [InlineData("div", "6", "3", "2")]
    [InlineData("rem", "7", "4", "3")]
    [InlineData("rem", "-7", "4", "-3")]
    [InlineData("rem", "10", "18446744073709551616", "10")]
    public void Binary_Numbers_Computes(string name, string x, string y, string expected) =>
        Builtin.Yields(expected, name, x, y);

    [Theory]
    [InlineData("abs", "-10", "10")]
    [InlineData("abs", "-1.5", "1.5")]
    [InlineData("ceil", "1.01", "2")]
    [InlineData("ceil", "2222.2222222222", "2223")]
    [InlineData("ceil", "-1.99999", "-1")]
    [InlineData("floor", "1.5", "1")]
    [InlineData("floor", "99.99999", "99")]
    [InlineData("floor", "-1.001", "-2")]
    [InlineData("round", "0.5", "1")]
    [InlineData("round", "-0.5", "-1")]
    [InlineData("round", "1.4", "1")]
    [InlineData("round", "7", "7")]
    public void Unary_Numbers_Computes(string name, string x, string expected) =>
        Builtin.Yields(expected, name, x);

    [Fact]
    public void Div_ByZero_BuiltinError() => Builtin.BuiltinError("div: divide by zero", "div", "1", "0");

    [Fact]
    public void Rem_ByZero_BuiltinError() => Builtin.BuiltinError("rem: modulo by zero", "rem", "7", "0");

    [Fact]
    public void Rem_Floating_BuiltinError() => Builtin.BuiltinError("modulo on floating-point number", "rem", "1.1", "1");

    [Fact]
    public void Minus_Sets_Difference() => Builtin.Yields("{2, 4}", "minus", "{1, 2, 3, 4}", "{1, 3}");

    [Fact]
    public void Minus_SetMinusNumber_TypeErrorOperand2Set() =>
        Builtin.TypeError("minus: operand 2 must be set but got number", "minus", "{1}", "1");

    [Fact]
    public void Minus_NumberMinusSet_TypeErrorOperand2Number() =>
        Builtin.TypeError("operand 2 must be number but got set", "minus", "1", "{1}");

    [Fact]
    public void Minus_StringOperand_TypeErrorOneOf() =>
        Builtin.TypeError("operand 1 must be one of {number, set} but got string", "minus", "\"a\"", "1");

    [Fact]
    public void Plus_String_TypeError() =>
        Builtin.TypeError("plus: operand 2 must be number but got string", "plus", "1", "\"a\"");

    [Theory]
    [InlineData("0", "10", "2", "[0, 2, 4, 6, 8, 10]")]
    [InlineData("0", "-10", "2", "[0, -2, -4, -6, -8, -10]")]
    [InlineData("10", "3", "2", "[10, 8, 6, 4]")]
    [InlineData("2", "2", "2", "[2]")]
    [InlineData("2", "5", "2", "[2, 4]")]
    [InlineData("0", "10", "99999999999999999999", "[0]")]
    public void RangeStep_Bounds_Generates(string x, string y, string step, string expected) =>
        Builtin.Yields(expected, "numbers.range_step", x, y, step);

    [Fact]
    public void RangeStep_NegativeStep_BuiltinError() =>
        Builtin.BuiltinError("numbers.range_step: step must be a positive integer", "numbers.range_step", "0", "10", "-2");

    [Fact]
    public void Range_Descending_Generates() => Builtin.Yields("[3, 2, 1]", "numbers.range", "3", "1");

    [Fact]
    public void Range_Float_TypeError() =>
        Builtin.TypeError("numbers.range: operand 1 must be integer number but got floating-point number", "numbers.range", "1.5", "3");
}
