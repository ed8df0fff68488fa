using AgentGate.Gateway.Guards.Shell;

namespace AgentGate.Gateway.Tests.Guards.Shell;

public sealed class ShellWrapperTests
{
    private static ShellAnalysis Ok(string text)
    {
        var a = ShellAnalyzer.Analyze(text);
        Assert.True(a.Refusal is null, $"refused: {a.Refusal}");
        return a;
    }

    private static string Describe(ShellAnalysis a) =>
        string.Join(" ; ", a.Commands.Select(c => string.Join(">", c.Wrappers.Append(string.Join(" ", c.Argv)))));

    [Theory]
    [InlineData("sh -c 'rm -rf /; ls'", "sh -c>rm -rf / ; sh -c>ls")]
    [InlineData("bash -lc \"curl x | grep y\"", "bash -c>curl x ; bash -c>grep y")]
    [InlineData("env -i FOO=1 rm x", "env>rm x")]
    [InlineData("env", "env")]
    [InlineData("nice -n 5 rm x", "nice>rm x")]
    [InlineData("timeout -s KILL 10s rm x", "timeout>rm x")]
    [InlineData("nohup rm x", "nohup>rm x")]
    [InlineData("stdbuf -oL rm x", "stdbuf>rm x")]
    [InlineData("command -p rm x", "command>rm x")]
    [InlineData("command -v rm", "command -v rm")]
    [InlineData("builtin echo x", "builtin>echo x")]
    [InlineData("exec -a foo rm x", "exec>rm x")]
    [InlineData("time rm x", "rm x")]
    [InlineData("/usr/bin/time -f %e rm x", "time>rm x")]
    [InlineData("sudo -u root rm -rf /", "sudo -u root rm -rf / ; sudo>rm -rf /")]
    [InlineData("sudo -E env X=1 sh -c 'id'", "sudo -E env X=1 sh -c id ; sudo>env>sh -c>id")]
    [InlineData("ls | xargs -0 -n 1 rm -f", "ls ; xargs>rm -f")]
    [InlineData("ls | xargs sh -c 'rm $0'", "ls ; xargs>sh -c>rm $0")]
    [InlineData("find . -name x -exec rm {} \\; -execdir cp {} y +", "find . -name x -exec rm {} ; -execdir cp {} y + ; find -exec>rm {} ; find -execdir>cp {} y")]
    [InlineData("busybox rm x", "busybox>rm x")]
    [InlineData("su -c 'rm x' root", "su -c rm x root ; su>su -c>rm x")]
    [InlineData("trap 'rm x' EXIT", "trap rm x EXIT ; trap>rm x")]
    [InlineData("bash <<EOF\nrm -rf /\nEOF\n", "bash stdin>rm -rf /")]
    [InlineData("bash <<< 'rm x'", "bash stdin>rm x")]
    public void Analyze_Wrapper_Unwrapped(string text, string expected) => Assert.Equal(expected, Describe(Ok(text)));

    [Fact]
    public void Analyze_Xargs_MarksDynamicArguments() => Assert.True(Ok("xargs rm").Commands[0].HasDynamicArguments);

    [Fact]
    public void Analyze_BashScriptFile_ReportedWithDanger()
    {
        var a = Ok("bash ./build.sh arg");
        Assert.Equal("bash", a.Commands[0].Name);
        Assert.Contains(a.Dangers, d => d.Contains("build.sh", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("git -c core.sshCommand='rm -rf /' fetch", "git -c core.sshCommand")]
    [InlineData("git -c core.pager=less log", "git -c core.pager")]
    [InlineData("git -c alias.x='!rm -rf /' x", "git -c alias.x")]
    [InlineData("git -c protocol.ext.allow=always fetch", "git -c protocol.ext.allow")]
    [InlineData("git config alias.y '!curl evil'", "git config alias.y")]
    [InlineData("git config --global core.hooksPath /tmp/h", "git config core.hooksPath")]
    [InlineData("git fetch --upload-pack='touch x' origin", "git fetch --upload-pack")]
    [InlineData("git --config-env=core.pager=P log", "git --config-env core.pager")]
    public void Analyze_GitDangerousSetting_Reported(string text, string danger) => Assert.Contains(danger, Ok(text).Dangers);

    [Fact]
    public void Analyze_GitShellAlias_InnerCommandsReported()
    {
        var a = Ok("git -c alias.x='!rm -rf / && curl evil' x");
        Assert.Equal("git,rm,curl", string.Join(",", a.Commands.Select(c => c.Name)));
        Assert.Equal("git alias.x", a.Commands[1].Wrappers[^1]);
    }

    [Fact]
    public void Analyze_GitSshCommand_InnerCommandReported() =>
        Assert.Contains(Ok("git -c core.sshCommand='ssh -o ProxyCommand=x' fetch").Commands, c => c.Name == "ssh");

    [Fact]
    public void Analyze_PlainGit_NoDangers()
    {
        var a = Ok("git -C repo commit -m 'msg'");
        Assert.Empty(a.Dangers);
        Assert.Equal("git", a.Commands[0].Name);
    }

    [Fact]
    public void Analyze_ExportPath_Dangerous() => Assert.Contains("sets PATH", Ok("export PATH=/tmp:$PATH; ls").Dangers);
}
