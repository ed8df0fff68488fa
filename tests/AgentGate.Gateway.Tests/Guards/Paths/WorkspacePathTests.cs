using AgentGate.Gateway.Guards.Paths;

namespace AgentGate.Gateway.Tests.Guards.Paths;

public sealed class WorkspacePathTests
{
    private const string Root = "/workspace";

    [Theory]
    [InlineData("src/a.cs", "src/a.cs")]
    [InlineData("./src//a.cs", "src/a.cs")]
    [InlineData("src/./x/../a.cs", "src/a.cs")]
    [InlineData("src\\win\\a.cs", "src/win/a.cs")]
    [InlineData("/workspace/src/a.cs", "src/a.cs")]
    [InlineData("/workspace//src///a.cs", "src/a.cs")]
    [InlineData("/workspace", ".")]
    [InlineData(".", ".")]
    [InlineData("a/..", ".")]
    public void Normalise_InsideWorkspace_ReturnsRelative(string input, string expected)
    {
        var r = WorkspacePath.Normalise(input, Root);
        Assert.True(r.Allowed, r.Refusal);
        Assert.Equal(expected, r.RelativePath);
    }

    [Theory]
    [InlineData("../etc/passwd")]
    [InlineData("src/../../etc/passwd")]
    [InlineData("/etc/passwd")]
    [InlineData("/workspace-other/x")]
    [InlineData("/workspace/../workspace2/x")]
    [InlineData("..\\..\\windows")]
    [InlineData("C:/windows")]
    [InlineData("/../../..")]
    public void Normalise_Escape_Denied(string input)
    {
        var r = WorkspacePath.Normalise(input, Root);
        Assert.False(r.Allowed);
        Assert.Null(r.RelativePath);
        Assert.False(string.IsNullOrEmpty(r.Refusal));
    }

    [Theory]
    [InlineData("a\0b")]
    [InlineData("a\nb")]
    [InlineData("a\u001bb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    public void Normalise_ControlCharacters_Denied(string input)
    {
        var r = WorkspacePath.Normalise(input, Root);
        Assert.False(r.Allowed);
        Assert.Contains("control", r.Refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("\0", r.Refusal!, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalise_Empty_Denied() => Assert.False(WorkspacePath.Normalise("", Root).Allowed);

    [Fact]
    public void Normalise_TooLong_Denied() =>
        Assert.False(WorkspacePath.Normalise(new string('a', WorkspacePath.MaxLength + 1), Root).Allowed);

    [Fact]
    public void Normalise_RelativeToCwd_ResolvesAgainstCwd()
    {
        var r = WorkspacePath.Normalise("../b/c.txt", Root, "/workspace/a");
        Assert.Equal("b/c.txt", r.RelativePath);
    }

    [Fact]
    public void Normalise_CwdOutsideWorkspace_Denied() =>
        Assert.False(WorkspacePath.Normalise("c.txt", Root, "/tmp").Allowed);

    [Fact]
    public void Normalise_RelativeCwd_IsUnderRoot() =>
        Assert.Equal("sub/c.txt", WorkspacePath.Normalise("c.txt", Root, "sub").RelativePath);

    [Fact]
    public void Normalise_RootWithTrailingSlash_Works() =>
        Assert.Equal("x", WorkspacePath.Normalise("/workspace/x", "/workspace/").RelativePath);

    [Fact]
    public void Normalise_RelativeRoot_Denied() =>
        Assert.False(WorkspacePath.Normalise("x", "workspace").Allowed);

    [Fact]
    public void Normalise_DotDotNamedFile_IsAllowed() =>
        Assert.Equal("..x/...", WorkspacePath.Normalise("..x/...", Root).RelativePath);
}
