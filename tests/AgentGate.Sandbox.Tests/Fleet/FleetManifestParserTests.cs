using AgentGate.Sandbox.Fleet;

namespace AgentGate.Sandbox.Tests.Fleet;

public sealed class FleetManifestParserTests
{
    private const string Valid = """
        fleet: demo
        defaults: { role: builder, image: agentgate/sandbox:0.1.0, resources: { memory: 256Mi } }
        repos: { api: https://github.com/acme/api.git }
        agents:
          - { id: b1, lane: auth, owner: sam, task: ISSUE-1, workspace: ws/b1, repos: [api], resources: { cpus: "0.5", pids: "64" } }
          - { id: r1, role: reviewer, image: other:1, command: [sleep, "1"], workspace: /abs/r1 }
        """;

    [Fact]
    public void Parse_ValidManifest_AppliesDefaultsAndResolvesWorkspaces()
    {
        var r = FleetManifestParser.Parse(Valid, "/base");
        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        var b1 = r.Manifest!.Agents[0];
        Assert.Equal(("builder", "agentgate/sandbox:0.1.0", "/base/ws/b1"), (b1.Role, b1.Image, b1.Workspace));
        Assert.Equal(new AgentResources(256L * 1024 * 1024, 0.5, 64), b1.Resources);
        Assert.Equal(["api"], b1.Repos);
        var r1 = r.Manifest.Agents[1];
        Assert.Equal(("reviewer", "other:1", "/abs/r1"), (r1.Role, r1.Image, r1.Workspace));
        Assert.Equal(["sleep", "1"], r1.Command);
    }

    [Theory]
    [InlineData("memory: 12XB", "agents[0].resources.memory: '12XB'")]
    [InlineData("cpus: \"-1\"", "agents[0].resources.cpus: '-1'")]
    [InlineData("pids: \"2\"", "agents[0].resources.pids: '2'")]
    public void Parse_BadResource_NamesKeyAndValue(string resource, string expected)
    {
        var r = FleetManifestParser.Parse($"fleet: f\nagents:\n  - {{ id: a, role: r, image: i, workspace: w, resources: {{ {resource} }} }}\n", "/b");
        Assert.False(r.IsValid);
        Assert.Contains(r.Errors, e => e.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralErrors_AreAllReported()
    {
        var r = FleetManifestParser.Parse("""
            fleet: Bad_Name
            agents:
              - { id: a, workspace: w, repos: [nope] }
              - { id: a, role: r, image: i, workspace: w }
            """, "/b");
        Assert.Contains("fleet: 'Bad_Name' must be 1-32 lowercase letters, digits or '-' and start with a letter or digit", r.Errors);
        Assert.Contains(r.Errors, e => e.StartsWith("agents[0].role:", StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.StartsWith("agents[0].image:", StringComparison.Ordinal));
        Assert.Contains("agents[0].repos: 'nope' is not declared under repos", r.Errors);
    }

    [Fact]
    public void Parse_DuplicateIds_IsAnError()
    {
        var r = FleetManifestParser.Parse("fleet: f\ndefaults: { role: r, image: i, workspace: \"ws/{id}\" }\nagents: [ { id: a }, { id: a } ]\n", "/b");
        Assert.Contains("agents[1].id: 'a' is used by more than one agent", r.Errors);
    }

    [Fact]
    public void Parse_UnknownKey_ReportsLine()
    {
        var r = FleetManifestParser.Parse("fleet: f\nagents:\n  - id: a\n    colour: red\n", "/b");
        Assert.False(r.IsValid);
        Assert.StartsWith("yaml (line 4", r.Errors.Single(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("512Mi", 536870912L)]
    [InlineData("2G", 2147483648L)]
    [InlineData("1024", 1024L)]
    [InlineData("64k", 65536L)]
    public void ParseSize_Units_AreBinary(string text, long expected) => Assert.Equal(expected, FleetManifestParser.ParseSize(text));
}
