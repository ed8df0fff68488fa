using AgentGate.Policy.Tooling;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Tooling;

public sealed class ToolingTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentgate-policy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void PolicyEval_QueryWithVariables_ReturnsRows()
    {
        File.WriteAllText(Path.Combine(_dir, "p.rego"), "package p\nallow if input.user == data.admin\n");
        File.WriteAllText(Path.Combine(_dir, "data.json"), """{"admin": "sam"}""");
        var input = Path.Combine(_dir, "input.json");
        File.WriteAllText(input, """{"user": "sam"}""");
        var r = new PolicyEval().Run([_dir], input, "x := data.p.allow");
        Assert.Equal(0, r.ExitCode);
        Assert.Equal(ValueJson.Parse("""{"result":[{"x":true}]}"""), ValueJson.Parse(r.Output));
        var expr = new PolicyEval().Run([_dir], input, "data.p.allow");
        Assert.Equal(ValueJson.Parse("""{"result":[{"expr":true}]}"""), ValueJson.Parse(expr.Output));
    }

    [Fact]
    public void PolicyEval_ParseError_ReturnsErrorObjectAndExitCode()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.rego"), "package p\nallow if {");
        var r = new PolicyEval().Run([_dir], null, "data.p.allow");
        Assert.Equal(1, r.ExitCode);
        var err = (ObjectValue)((ObjectValue)ValueJson.Parse(r.Output)).Get(StringValue.From("error"))!;
        Assert.Equal(StringValue.From("rego_parse_error"), err.Get(StringValue.From("code")));
    }

    [Fact]
    public void PolicyTestRunner_OneFailingTest_ReportsFailAndExitCode1()
    {
        File.WriteAllText(Path.Combine(_dir, "t.rego"), "package t\ntest_ok if 1 == 1\ntest_bad if 1 == 2\nhelper := 3\n");
        var r = new PolicyTestRunner().Run([_dir], verbose: true);
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("data.t.test_ok: PASS", r.Output, StringComparison.Ordinal);
        Assert.Contains("data.t.test_bad: FAIL", r.Output, StringComparison.Ordinal);
        Assert.Contains("FAIL: 1/2", r.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("helper", r.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ConformanceRunner_PassFailAndTimeoutCases_Reported()
    {
        var group = Directory.CreateDirectory(Path.Combine(_dir, "v1", "demo")).FullName;
        File.WriteAllText(Path.Combine(group, "cases.json"), """
            {"cases": [
              {"note": "ok", "query": "data.t.p = x", "modules": ["package t\np := 1"], "want_result": [{"x": 1}]},
              {"note": "bad", "query": "data.t.p = x", "modules": ["package t\np := 2"], "want_result": [{"x": 1}]},
              {"note": "err", "query": "x := 1 / 0", "modules": [], "strict_error": true, "want_error_code": "eval_builtin_error"}
            ]}
            """);
        var report = new ConformanceRunner().Run(_dir);
        Assert.Equal(1, report.Failed);
        Assert.Equal("v1/demo/cases.json#1", report.Failures.Single().Case);
        var json = ValueJson.Parse(report.ToJson());
        Assert.Equal(NumberValue.From(report.Passed), ((ObjectValue)json).Get(StringValue.From("passed")));
    }
}
