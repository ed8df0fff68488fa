using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Evaluation;

public sealed class PurityTests
{
    private static PolicyBundle Bundle(string body, PolicyOptions? options = null) =>
        PolicyBundle.Compile([new("p.rego", "package p\n\nimport rego.v1\n\n" + body + "\n")], ValueJson.Parse("""{"limit": 3}"""), options).Bundle!;

    [Theory]
    [InlineData("x := input.n + data.limit", true)]
    [InlineData("x := count([y | some y in numbers.range(1, input.n)])", true)]
    [InlineData("x := sprintf(\"%v\", [input.n]) if print(\"no output configured\")", true)]
    [InlineData("x := time.now_ns()", false)]
    [InlineData("x := rand.intn(\"k\", 10)", false)]
    [InlineData("x := uuid.rfc4122(\"k\")", false)]
    [InlineData("x := time.now_ns() > input.n", false)]
    public void EvaluateRule_InputDataOrClockAndRandomness_PureOnlyWithoutThem(string rule, bool pure)
    {
        var (value, error) = Bundle(rule).EvaluateRule("data.p.x", ValueJson.Parse("""{"n": 2}"""), out var footprint);

        Assert.Null(error);
        Assert.NotNull(value);
        Assert.Equal(pure, footprint.Pure);
    }

    [Fact]
    public void EvaluateRule_PrintWithOutput_NotPure()
    {
        using var output = new StringWriter();
        var bundle = Bundle("x := input.n if print(\"seen\", input.n)", PolicyOptions.Default with { PrintOutput = output });

        var (value, _) = bundle.EvaluateRule("data.p.x", ValueJson.Parse("""{"n": 2}"""), out var footprint);

        Assert.Equal(NumberValue.From(2), value);
        Assert.False(footprint.Pure);
        Assert.Contains("seen 2", output.ToString());
    }

    [Fact]
    public void EvaluateRule_Error_NotPure()
    {
        var bundle = Bundle("x := 1 if input.a\n\nx := 2 if input.b");

        var (_, error) = bundle.EvaluateRule("data.p.x", ValueJson.Parse("""{"a": true, "b": true}"""), out var footprint);

        Assert.NotNull(error);
        Assert.False(footprint.Pure);
    }

    [Theory]
    [InlineData("x := input.a.b", "a", "time")]
    [InlineData("x := 1 if { input.a; input.c.d == 2 }", "a,c", "time")]
    [InlineData("x := input.a if input.n > data.limit", "a,n", "time")]
    public void EvaluateRule_ConstantInputReferences_OnlyThoseKeysRead(string rule, string read, string unread)
    {
        var input = ValueJson.Parse("""{"a": {"b": 1}, "c": {"d": 2}, "n": 4, "time": "t"}""");

        var (_, error) = Bundle(rule).EvaluateRule("data.p.x", input, out var footprint);

        Assert.Null(error);
        Assert.False(footprint.WholeInput);
        Assert.All(read.Split(','), k => Assert.True(footprint.Reads(StringValue.From(k)), k));
        Assert.False(footprint.Reads(StringValue.From(unread)));
    }

    [Theory]
    [InlineData("x := count(input)")]
    [InlineData("x := object.get(input, \"a\", 0)")]
    [InlineData("x := [v | some v in input]")]
    [InlineData("x := k if { some k; input[k] == \"t\" }")]
    [InlineData("x := input")]
    public void EvaluateRule_InputUsedAsValue_WholeInputRead(string rule)
    {
        var input = ValueJson.Parse("""{"a": 1, "time": "t"}""");

        var (_, error) = Bundle(rule).EvaluateRule("data.p.x", input, out var footprint);

        Assert.Null(error);
        Assert.True(footprint.WholeInput);
        Assert.True(footprint.Reads(StringValue.From("time")));
    }
}
