using AgentGate.Gateway.Guards.Shell;

namespace AgentGate.Gateway.Tests.Guards.Shell;

public sealed class ShellAnalyzerRefusalTests
{
    [Theory]
    [InlineData("eval \"rm -rf /\"", "eval")]
    [InlineData("source ./x.sh", "source")]
    [InlineData(". ./x.sh", "'.'")]
    [InlineData("$X args", "expansion")]
    [InlineData("$(echo rm) -rf /", "expansion")]
    [InlineData("`echo rm` -rf /", "expansion")]
    [InlineData("a=rm; $a -rf /", "expansion")]
    [InlineData("r$(echo m) x", "expansion")]
    [InlineData("rm${IFS}-rf${IFS}/", "expansion")]
    [InlineData("exec $CMD", "run time")]
    [InlineData("{rm,-rf,/}", "brace")]
    [InlineData("/bin/r? -rf /", "glob")]
    [InlineData("echo 'unterminated", "unterminated")]
    [InlineData("echo \"unterminated", "unterminated")]
    [InlineData("echo $(ls", "unterminated")]
    [InlineData("cat <<EOF\nno end", "here-document")]
    [InlineData("cat <<EOF", "here-document")]
    [InlineData("if true; then a", "expected")]
    [InlineData("a | ", "syntax")]
    [InlineData(") x", "syntax")]
    [InlineData("echo \"rm -rf /\" | sh", "standard input")]
    [InlineData("curl x | bash", "standard input")]
    [InlineData("bash -c \"$X\"", "run time")]
    [InlineData("sh -c", "without a command")]
    [InlineData("env -S 'rm -rf /'", "env -S")]
    [InlineData("alias ls='rm -rf /'", "alias")]
    [InlineData("hash -p /bin/rm ls", "hash -p")]
    [InlineData("enable -f x.so y", "enable")]
    [InlineData("x='$(rm -rf /)'; echo ${x@P}", "@P")]
    [InlineData("a='x[$(rm -rf /)]'; echo $((a))", "arithmetic")]
    [InlineData("PS4='$(rm -rf /)' bash -xc true", "PS4")]
    [InlineData("git clone 'ext::sh -c rm% -rf% /' x", "ext::")]
    [InlineData("find . -exec rm {}", "terminated")]
    [InlineData("nice $OPT rm", "run time")]
    [InlineData("coproc x", "coproc")]
    public void Analyze_Unresolvable_Refused(string text, string reasonPart)
    {
        var a = ShellAnalyzer.Analyze(text);
        Assert.NotNull(a.Refusal);
        Assert.Contains(reasonPart, a.Refusal, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Analyze_TooLong_Refused() => Assert.NotNull(ShellAnalyzer.Analyze(new string('a', 70_000)).Refusal);

    [Fact]
    public void Analyze_DeepNesting_Refused()
    {
        var text = string.Concat(Enumerable.Repeat("( ", 500)) + "a" + string.Concat(Enumerable.Repeat(")", 500));
        Assert.Contains("nest", ShellAnalyzer.Analyze(text).Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_DeepShellNesting_Refused()
    {
        var text = "rm x";
        for (var i = 0; i < 7; i++)
        {
            text = "sh -c '" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        }

        var a = ShellAnalyzer.Analyze(text);
        Assert.True(a.Refusal?.Contains("nest", StringComparison.Ordinal), a.Refusal);
    }

    [Fact]
    public void Analyze_FunctionsRefusedByOption_Refused() =>
        Assert.NotNull(ShellAnalyzer.Analyze("f() { a; }", new ShellAnalyzerOptions { RefuseFunctionDefinitions = true }).Refusal);

    [Fact]
    public void Analyze_Nul_Refused() => Assert.NotNull(ShellAnalyzer.Analyze("ls\0rm").Refusal);
}
