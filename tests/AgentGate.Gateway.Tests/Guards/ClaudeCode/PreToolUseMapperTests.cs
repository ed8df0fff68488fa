using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using AgentGate.Gateway.Guards.ClaudeCode;

namespace AgentGate.Gateway.Tests.Guards.ClaudeCode;

public sealed class PreToolUseMapperTests
{
    // Fixtures are read next to this source file: the test project file is shared and does not copy them.
    private static HookMapping Fixture(string name) =>
        PreToolUseMapper.Map(File.ReadAllText(Path.Combine(Here(), "Fixtures", name)));

    private static string Here([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    private static JsonNode Action(HookMapping m) => m.AuthorizeRequest!["action"]!;

    [Fact]
    public void Map_Bash_ExecAction()
    {
        var m = Fixture("bash.json");
        Assert.Equal("abc123", m.SessionId);
        Assert.Equal("""{"kind":"exec","command":"npm test \u0026\u0026 git push","cwd":"/workspace/app"}""", Action(m).ToJsonString());
    }

    [Theory]
    [InlineData("write.json", "write", "/workspace/app/src/a.ts")]
    [InlineData("edit.json", "write", "/workspace/app/README.md")]
    [InlineData("multiedit.json", "write", "/etc/hosts")]
    [InlineData("read.json", "read", "/workspace/app/.env")]
    public void Map_FileTools_FileAction(string fixture, string op, string path)
    {
        var a = Action(Fixture(fixture));
        Assert.Equal("file", (string?)a["kind"]);
        Assert.Equal(op, (string?)a["op"]);
        Assert.Equal(path, (string?)a["path"]);
    }

    [Fact]
    public void Map_WebFetch_EgressAction() =>
        Assert.Equal("""{"kind":"egress","scheme":"https","host":"docs.example.com","port":8443,"method":"GET","path":"/a/b?q=1"}""", Action(Fixture("webfetch.json")).ToJsonString());

    [Fact]
    public void Map_OtherTool_Passthrough()
    {
        var m = Fixture("glob.json");
        Assert.True(m.Passthrough);
        Assert.Null(m.AuthorizeRequest);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"tool_name":"Bash"}""")]
    [InlineData("""{"tool_name":"Bash","tool_input":{"command":5}}""")]
    [InlineData("""{"hook_event_name":"PostToolUse","tool_name":"Bash","tool_input":{"command":"ls"}}""")]
    [InlineData("""{"tool_name":"WebFetch","tool_input":{"url":"file:///etc/passwd"}}""")]
    [InlineData("""{"tool_name":"Write","tool_input":{}}""")]
    public void Map_Malformed_Error(string payload)
    {
        var m = PreToolUseMapper.Map(payload);
        Assert.NotNull(m.Error);
        Assert.False(m.Passthrough);
    }

    [Fact]
    public void DenyByExitCode_ExitsTwoWithReasonOnStderr()
    {
        var r = HookResponse.DenyByExitCode("exec: 'curl'\nnot allowed");
        Assert.Equal(2, r.ExitCode);
        Assert.Equal("exec: 'curl' not allowed\n", r.Stderr);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void DenyByJson_PermissionDecisionDeny()
    {
        var r = HookResponse.DenyByJson("no");
        Assert.Equal(0, r.ExitCode);
        var o = JsonNode.Parse(r.Stdout)!["hookSpecificOutput"]!;
        Assert.Equal("PreToolUse", (string?)o["hookEventName"]);
        Assert.Equal("deny", (string?)o["permissionDecision"]);
        Assert.Equal("no", (string?)o["permissionDecisionReason"]);
    }

    [Fact]
    public void Ask_PermissionDecisionAsk() =>
        Assert.Equal("ask", (string?)JsonNode.Parse(HookResponse.Ask("needs approval").Stdout)!["hookSpecificOutput"]!["permissionDecision"]);
}
