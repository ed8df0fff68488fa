using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Evaluation;

public sealed class LanguageTests
{
    [Theory]
    [InlineData("x := {1, 2} | {3}", "[1,2,3]")]
    [InlineData("x := [y | some y in {3, 1}]", "[1,3]")]
    [InlineData("x := {k: v | some k, v in {\"a\": 1}}", "{\"a\":1}")]
    [InlineData("x := data.t.r", "{\"b\":{\"k\":1}}")]
    [InlineData("x := data.t.g(5)", "7")]
    [InlineData("x := data.t.g(1)", "0")]
    [InlineData("x := data.t.neg", "true")]
    [InlineData("x := 18446744073709551614 + 0", "18446744073709551614")]
    public void Evaluate_LanguageFeature_ExpectedValue(string query, string json)
    {
        const string src = """
            package t
            a.b[c] := d if { some c, d in {"k": 1} }
            r := a
            default g(_) := 0
            g(x) := x + 2 if x > 2
            neg if not input.xs[_] == 1
            """;
        var b = PolicyBundle.Compile([new("t.rego", src)]).Bundle!;
        var r = b.Evaluate(query, ValueJson.Parse("""{"xs": [2, 3]}"""));
        Assert.Null(r.Error);
        Assert.Equal(ValueJson.Parse(json), ValueJson.Parse(ValueJson.Serialize(r.Rows.Single()["x"])));
    }
}
