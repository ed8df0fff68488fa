using AgentGate.Gateway.Guards.Shell;

namespace AgentGate.Gateway.Tests.Guards.Shell;

public sealed class ShellAnalyzerTests
{
    private static ShellAnalysis Ok(string text)
    {
        var a = ShellAnalyzer.Analyze(text);
        Assert.True(a.Refusal is null, $"refused: {a.Refusal}");
        return a;
    }

    private static string Names(ShellAnalysis a) => string.Join(",", a.Commands.Select(c => c.Name));

    private static string Argv(ShellCommand c) => string.Join("|", c.Argv);

    [Theory]
    [InlineData("ls -la", "ls")]
    [InlineData("a | b | c", "a,b,c")]
    [InlineData("a; b && c || d & e", "a,b,c,d,e")]
    [InlineData("a\nb\n\nc", "a,b,c")]
    [InlineData("(a; b) | { c; d; }", "a,b,c,d")]
    [InlineData("echo $(whoami) `id`", "whoami,id,echo")]
    [InlineData("if test -f x; then a; elif b; then c; else d; fi", "test,a,b,c,d")]
    [InlineData("while read l; do e \"$l\"; done < f", "read,e")]
    [InlineData("until false; do x; done", "false,x")]
    [InlineData("for f in a b $(ls); do rm \"$f\"; done", "ls,rm")]
    [InlineData("for ((i=0;i<3;i++)); do x; done", "x")]
    [InlineData("case $x in a|b) one;; (c) two;& *) three;; esac", "one,two,three")]
    [InlineData("f() { rm -rf x; }; f", "rm,f")]
    [InlineData("function g { a; }", "a")]
    [InlineData("! grep x y", "grep")]
    [InlineData("time -p make", "make")]
    [InlineData("[[ -f x && $(id) == y ]]", "id,[[")]
    [InlineData("diff <(ls a) >(wc)", "ls,wc,diff")]
    [InlineData("a=(1 $(x) 3); y", "x,y")]
    [InlineData("echo hi # rm -rf /", "echo")]
    [InlineData("echo a \\\n  b", "echo")]
    public void Analyze_Grammar_CollectsEveryCommand(string text, string names) => Assert.Equal(names, Names(Ok(text)));

    [Theory]
    [InlineData("echo 'a b' \"c $HOME d\" e\\ f", "echo|a b|c $HOME d|e f")]
    [InlineData("r''m -rf /", "rm|-rf|/")]
    [InlineData("\\r\\m x", "rm|x")]
    [InlineData("$'\\x72\\u006d' x", "rm|x")]
    [InlineData("r\\\nm x", "rm|x")]
    [InlineData("\"r\"m", "rm")]
    [InlineData("echo $'a\\tb\\'c'", "echo|a\tb'c")]
    [InlineData("echo \"a\\\"b\\$c\"", "echo|a\"b$c")]
    public void Analyze_Quoting_RemovesQuotes(string text, string argv) => Assert.Equal(argv, Argv(Ok(text).Commands[^1]));

    [Fact]
    public void Analyze_PathCommand_ReportsPathAndBasename()
    {
        var c = Ok("/bin/rm -rf /").Commands[0];
        Assert.Equal("rm", c.Name);
        Assert.Equal("/bin/rm", c.Path);
        Assert.Equal("rm", Ok("./rm x").Commands[0].Name);
    }

    [Fact]
    public void Analyze_UnicodeLookalike_KeptAsIs() => Assert.Equal("r\u043c", Ok("r\u043c -rf /").Commands[0].Name);

    [Fact]
    public void Analyze_Redirects_Parsed()
    {
        var c = Ok("cmd 2>&1 >|out <in >>log &>all 3<>rw").Commands[0];
        Assert.Equal(["cmd"], c.Argv);
        Assert.Equal("2:>&:1,:>|:out,:<:in,:>>:log,:&>:all,3:<>:rw", string.Join(",", c.Redirects.Select(r => $"{r.Fd}:{r.Operator}:{r.Target}")));
    }

    [Fact]
    public void Analyze_HereDoc_BodyCapturedAndExpansionsParsed()
    {
        var a = Ok("cat <<EOF > out\nhello $(whoami)\nEOF\necho done");
        Assert.Equal("whoami,cat,echo", Names(a));
        Assert.Equal("hello $(whoami)\n", a.Commands[1].Redirects[0].HereDocBody);
    }

    [Fact]
    public void Analyze_QuotedHereDocAndTabStrip_NotExpanded()
    {
        var a = Ok("cat <<-'EOF'\n\t$(rm -rf /)\n\tEOF\n");
        Assert.Equal("cat", Names(a));
        Assert.Equal("$(rm -rf /)\n", a.Commands[0].Redirects[0].HereDocBody);
    }

    [Fact]
    public void Analyze_HereString_BodyIsWordPlusNewline() =>
        Assert.Equal("abc\n", Ok("cat <<< 'abc'").Commands[0].Redirects[0].HereDocBody);

    [Fact]
    public void Analyze_Assignments_PrefixRecordedAndDangerous()
    {
        var a = Ok("FOO=1 PATH=/tmp cmd x");
        Assert.Equal(["FOO=1", "PATH=/tmp"], a.Commands[0].Assignments);
        Assert.Equal("cmd", a.Commands[0].Name);
        Assert.Contains("sets PATH", a.Dangers);
    }

    [Fact]
    public void Analyze_AssignmentOnly_NoCommand() => Assert.Equal("date", Assert.Single(Ok("X=1; Y=$(date)").Commands).Name);

    [Fact]
    public void Analyze_DynamicArgument_Flagged()
    {
        var c = Ok("rm x${IFS}y $Y").Commands[0];
        Assert.True(c.HasDynamicArguments);
        Assert.False(Ok("rm x").Commands[0].HasDynamicArguments);
    }

    [Fact]
    public void Analyze_Background_StillReported() => Assert.Equal("sleep,rm", Names(Ok("sleep 1 & rm x &")));
}
