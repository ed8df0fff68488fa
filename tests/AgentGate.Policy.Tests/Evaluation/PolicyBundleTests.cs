using AgentGate.Policy.Evaluation;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Evaluation;

public sealed class PolicyBundleTests
{
    private const string Gateway = """
        package agentgate

        import rego.v1

        default decision := {"allow": false, "reason": "no rule matched"}

        decision := {"allow": true, "reason": "builder may call tools"} if {
            input.agent.role == "builder"
            input.action.kind in allowed_kinds
            not denied
        }

        allowed_kinds := {"tool", "llm"}

        denied if some host in data.blocked; input.action.host == host

        hosts contains h if some h in data.blocked
        by_role[r] := count(ids) if {
            some r in {"builder", "reviewer"}
            ids := [a | some a in data.agents; a.role == r]
        }
        """;

    private static PolicyBundle Compile(string src, string data = "{}", PolicyOptions? options = null)
    {
        var r = PolicyBundle.Compile([new("gateway.rego", src)], ValueJson.Parse(data), options);
        Assert.True(r.Success, string.Join("\n", r.Errors));
        return r.Bundle!;
    }

    [Fact]
    public void EvaluateRule_AllowedBuilder_ReturnsAllowDecision()
    {
        var b = Compile(Gateway, """{"blocked": ["evil.example"], "agents": [{"role": "builder"}]}""");
        var input = ValueJson.Parse("""{"agent": {"role": "builder"}, "action": {"kind": "tool", "host": "ok.example"}}""");
        var (v, err) = b.EvaluateRule("data.agentgate.decision", input);
        Assert.Null(err);
        Assert.Equal("""{"allow":true,"reason":"builder may call tools"}""", ValueJson.Serialize(v!));
    }

    [Fact]
    public void EvaluateRule_BlockedHost_FallsBackToDefault()
    {
        var b = Compile(Gateway, """{"blocked": ["evil.example"], "agents": []}""");
        var input = ValueJson.Parse("""{"agent": {"role": "builder"}, "action": {"kind": "tool", "host": "evil.example"}}""");
        var (v, _) = b.EvaluateRule("data.agentgate.decision", input);
        Assert.Equal(BooleanValue.False, ((ObjectValue)v!).Get(StringValue.From("allow")));
    }

    [Fact]
    public void Evaluate_PartialRulesAndVariables_ReturnsRows()
    {
        var b = Compile(Gateway, """{"blocked": ["a", "b"], "agents": [{"role": "builder"}, {"role": "builder"}]}""");
        var r = b.Evaluate("x := data.agentgate.hosts; y := data.agentgate.by_role.builder; some z in [1, 2]", null);
        Assert.Null(r.Error);
        Assert.Equal(2, r.Rows.Count);
        Assert.Equal(SetValue.From([StringValue.From("a"), StringValue.From("b")]), r.Rows[0]["x"]);
        Assert.Equal(NumberValue.From(2), r.Rows[0]["y"]);
    }

    [Fact]
    public void Compile_SyntaxErrorsInTwoModules_ReportsBothWithLocation()
    {
        var r = PolicyBundle.Compile([new("a.rego", "package a\np := ["), new("b.rego", "package b\nq if {")]);
        Assert.False(r.Success);
        Assert.Null(r.Bundle);
        Assert.Equal(2, r.Errors.Count);
        Assert.All(r.Errors, e => Assert.Equal("rego_parse_error", e.Code));
        Assert.Contains("a.rego:2:", r.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("b.rego:2:", r.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_ConflictingCompleteRule_ReturnsConflictError()
    {
        var b = Compile("package t\np := 1\np := 2 if true");
        var r = b.Evaluate("x := data.t.p", null);
        Assert.Equal("eval_conflict_error", r.Error?.Code);
    }

    [Fact]
    public void Compile_RecursiveFunction_RecursionError()
    {
        var r = PolicyBundle.Compile([new("t.rego", "package t\nf(x) := y if y := f(x + 1)\np := f(1)")]);
        Assert.False(r.Success);
        Assert.Equal("rego_recursion_error", r.Errors[0].Code);
    }

    [Fact]
    public void Compile_UndefinedFunction_TypeErrorWithLocation()
    {
        var r = PolicyBundle.Compile([new("t.rego", "package t\np if nosuch(1)")]);
        Assert.False(r.Success);
        Assert.Equal("rego_type_error", r.Errors[0].Code);
        Assert.Contains("t.rego:2:", r.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_DeepRecursionThroughData_ReturnsErrorNotCrash()
    {
        var b = Compile("package t\np := count([x | some x in numbers.range(1, 10)])");
        var r = b.Evaluate("x := data.t.p", null);
        Assert.Null(r.Error);
        Assert.Equal(NumberValue.From(10), r.Rows[0]["x"]);
    }

    [Fact]
    public void Evaluate_StepLimit_ReturnsLimitError()
    {
        var opts = new PolicyOptions { Limits = new EvalLimits { MaxSteps = 1000 } };
        var b = Compile("package t\np := count([x | some x in numbers.range(1, 100000); x > 0])", options: opts);
        var r = b.Evaluate("x := data.t.p", null);
        Assert.Equal("eval_limit_error", r.Error?.Code);
    }

    [Fact]
    public void Evaluate_CancelledToken_ReturnsCancelError()
    {
        var b = Compile("package t\np := count([x | some x in numbers.range(1, 1000000); some y in numbers.range(1, 10)])");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = b.Evaluate("x := data.t.p", null, cts.Token);
        Assert.True(r.Error?.Code == "eval_cancel_error", r.Error?.ToString() ?? "no error");
    }

    [Fact]
    public void Evaluate_InputTooDeep_ReturnsInputLimitError()
    {
        var b = Compile("package t\np := input", options: new PolicyOptions { MaxInputDepth = 3 });
        var r = b.Evaluate("x := data.t.p", ValueJson.Parse("""{"a":{"b":{"c":{"d":1}}}}"""));
        Assert.Equal("input_limit_error", r.Error?.Code);
    }

    [Fact]
    public void Evaluate_ManyThreads_SameResults()
    {
        var b = Compile(Gateway, """{"blocked": [], "agents": []}""");
        var input = ValueJson.Parse("""{"agent": {"role": "builder"}, "action": {"kind": "llm", "host": "x"}}""");
        var results = new Value?[64];
        Parallel.For(0, results.Length, i => results[i] = b.EvaluateRule("data.agentgate.decision", input).Value);
        Assert.All(results, v => Assert.Equal(results[0], v));
        Assert.NotNull(results[0]);
    }

    [Fact]
    public void Evaluate_ComprehensionBeforeOuterBinding_ReorderedLikeOpa()
    {
        var b = Compile("package t\np := n if {\n  n := count([r | some r in roles; r == \"admin\"])\n  roles := input.roles\n}");
        var r = b.Evaluate("x := data.t.p", ValueJson.Parse("""{"roles": ["admin", "dev", "admin"]}"""));
        Assert.Null(r.Error);
        Assert.Equal(NumberValue.From(2), r.Rows.Single()["x"]);
    }

    [Fact]
    public void Evaluate_WithElseEveryAndTemplates_Works()
    {
        var src = """
            package t
            f(x) := "small" if x < 10
            else := "big"
            all_pos if every n in input.ns { n > 0 }
            msg := $"{count(input.ns)} numbers, first {input.ns[0]}"
            """;
        var b = Compile(src);
        var r = b.Evaluate("a := data.t.f(3); b := data.t.f(30); c := data.t.all_pos; d := data.t.msg", ValueJson.Parse("""{"ns":[1,2]}"""));
        Assert.Null(r.Error);
        var row = r.Rows.Single();
        Assert.Equal(StringValue.From("small"), row["a"]);
        Assert.Equal(StringValue.From("big"), row["b"]);
        Assert.Equal(BooleanValue.True, row["c"]);
        Assert.Equal(StringValue.From("2 numbers, first 1"), row["d"]);
        var r2 = b.Evaluate("c := data.t.all_pos", ValueJson.Parse("""{"ns":[1,-2]}"""));
        Assert.Empty(r2.Rows);
        var r3 = b.Evaluate("c := data.t.all_pos with input.ns as [5]", ValueJson.Parse("""{"ns":[-1]}"""));
        Assert.Single(r3.Rows);
    }
}
