using AgentGate.Sandbox.Fleet;

namespace AgentGate.Sandbox.Tests.Fleet;

public sealed class FleetParallelismSettingsTests
{
    private const string Agents = "defaults: { role: r, image: i:1, workspace: \"ws/{id}\" }\nagents: [ { id: a1 } ]\n";

    [Fact]
    public void Parse_ParallelismGiven_IsOnTheManifest()
    {
        var r = FleetManifestParser.Parse("fleet: demo\nparallelism: 8\n" + Agents, "/base");
        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        Assert.Equal(8, r.Manifest!.Parallelism);
    }

    [Fact]
    public void Parse_ParallelismAbsent_IsNull()
    {
        var r = FleetManifestParser.Parse("fleet: demo\n" + Agents, "/base");
        Assert.True(r.IsValid, string.Join("; ", r.Errors));
        Assert.Null(r.Manifest!.Parallelism);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("65")]
    [InlineData("lots")]
    [InlineData("-2")]
    public void Parse_ParallelismOutOfRange_ErrorQuotesTheValue(string value)
    {
        var r = FleetManifestParser.Parse($"fleet: demo\nparallelism: \"{value}\"\n" + Agents, "/base");
        Assert.False(r.IsValid);
        Assert.Equal([$"parallelism: '{value}' must be a whole number between 1 and 64"], r.Errors);
    }

    [Fact]
    public void Validate_ParallelismDefault_IsFourAndValid()
    {
        var options = new FleetOptions();
        Assert.Equal(4, options.Parallelism);
        Assert.Empty(options.Validate());
    }

    [Fact]
    public void Validate_ParallelismZero_NamesTheKey()
    {
        var errors = new FleetOptions { Parallelism = 0 }.Validate();
        Assert.Equal(["Sandbox:Parallelism: '0' must be between 1 and 64"], errors);
    }
}
