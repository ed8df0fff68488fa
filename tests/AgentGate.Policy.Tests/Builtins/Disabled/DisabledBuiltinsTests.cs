using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Disabled;

public sealed class DisabledBuiltinsTests
{
    private static PolicyResult Run(string module, string query, PolicyOptions? options = null)
    {
        var compiled = PolicyBundle.Compile([new("p.rego", module)], ObjectValue.Empty, options);
        Assert.True(compiled.Success, string.Join("\n", compiled.Errors));
        return compiled.Bundle!.Evaluate(query, null);
    }

    [Fact]
    public void HttpSend_Unmocked_HaltsWithDisabledError()
    {
        var r = Run("package t\nallow if http.send({\"method\": \"GET\", \"url\": \"http://127.0.0.1:1\"}).status_code == 200", "data.t.allow = x");
        Assert.NotNull(r.Error);
        Assert.Equal("eval_builtin_error", r.Error!.Code);
        Assert.Contains("http.send is disabled in AgentGate's policy engine", r.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HttpSend_Mocked_UsesMockFunction()
    {
        const string module = """
            package t
            mock(req) := {"status_code": 200, "body": req.url}
            allow if http.send({"method": "GET", "url": "u"}).status_code == 200
            test_allow if allow with http.send as mock
            """;
        var r = Run(module, "data.t.test_allow = x");
        Assert.Null(r.Error);
        Assert.Equal(BooleanValue.True, Assert.Single(r.Rows)["x"]);
    }

    [Fact]
    public void HttpSend_WrongOperandType_TypeErrorNotNetwork()
    {
        var r = Run("package t\nx := http.send(\"not an object\")", "data.t.x = y", new PolicyOptions { StrictBuiltinErrors = true });
        Assert.Equal("eval_type_error", r.Error?.Code);
    }

    [Fact]
    public void HttpSend_WrongArity_CompileError()
    {
        var compiled = PolicyBundle.Compile([new("p.rego", "package t\nx := http.send({}, {}, {})")], ObjectValue.Empty);
        Assert.False(compiled.Success);
    }

    [Theory]
    [InlineData("net.lookup_ip_addr(\"example.com\")", "net.lookup_ip_addr is disabled")]
    [InlineData("rego.parse_module(\"a.rego\", \"package a\")", "rego.parse_module is disabled")]
    public void OtherHostBuiltins_Unmocked_HaltWithDisabledError(string call, string expected)
    {
        var r = Run($"package t\nx := {call}", "data.t.x = y");
        Assert.Equal("eval_builtin_error", r.Error?.Code);
        Assert.Contains(expected, r.Error!.Message, StringComparison.Ordinal);
    }
}
