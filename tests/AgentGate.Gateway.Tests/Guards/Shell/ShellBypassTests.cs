using AgentGate.Gateway.Guards.Shell;

namespace AgentGate.Gateway.Tests.Guards.Shell;

/// <summary>Attempts to hide a command from the analyser: each must either be reported or refused.</summary>
public sealed class ShellBypassTests
{
    [Theory]
    [InlineData("echo ${x:-$(rm -rf /)}")]
    [InlineData("echo \"${x:-`rm -rf /`}\"")]
    [InlineData("x=$(rm -rf /)")]
    [InlineData("echo \"$(rm -rf /)\"")]
    [InlineData("ls > \"$(rm -rf /)\"")]
    [InlineData("echo $( if true; then rm -rf /; fi )")]
    [InlineData("echo $(case a in a) rm -rf /;; esac)")]
    [InlineData("ls; rm -rf / &")]
    [InlineData("ls && \\\nrm -rf /")]
    [InlineData("true || rm -rf /")]
    [InlineData("cat <<EOF\n$(rm -rf /)\nEOF\n")]
    [InlineData("f() { rm -rf /; }")]
    [InlineData("sudo -u x bash -c 'nice rm -rf /'")]
    [InlineData("env -i PATH=/bin timeout 5 nohup stdbuf -o0 command rm -rf /")]
    [InlineData("find / -exec sh -c 'rm -rf \"$1\"' _ {} \\;")]
    [InlineData("git -c alias.co='!rm -rf /' co")]
    [InlineData("bash -c \"bash -c 'rm -rf /'\"")]
    [InlineData("echo x | xargs -I{} rm -rf /{}")]
    [InlineData("diff <(rm -rf /) x")]
    [InlineData("[[ $(rm -rf /) ]]")]
    [InlineData("trap 'rm -rf /' EXIT")]
    public void Analyze_HiddenRm_ReportedOrRefused(string text)
    {
        var a = ShellAnalyzer.Analyze(text);
        Assert.True(a.IsRefused || a.Commands.Any(c => c.Name == "rm"), $"rm escaped: {string.Join(",", a.Commands.Select(c => c.Name))}");
    }

    [Theory]
    [InlineData("cat <<EOF | sh\nrm -rf /\nEOF\n")]
    [InlineData("echo cm0gLXJmIC8= | base64 -d | bash")]
    [InlineData("python3 -c 'import os' ; eval \"$(echo rm)\"")]
    [InlineData("${SHELL} -c 'rm -rf /'")]
    [InlineData("\"$(printf rm)\" -rf /")]
    [InlineData("r{m,} -rf /")]
    public void Analyze_UnknowableCommand_Refused(string text) => Assert.True(ShellAnalyzer.Analyze(text).IsRefused);

    [Fact]
    public void Analyze_CloseBraceAsArgument_IsArgument() =>
        Assert.Equal(["echo", "}"], ShellAnalyzer.Analyze("echo }").Commands[0].Argv);
}
