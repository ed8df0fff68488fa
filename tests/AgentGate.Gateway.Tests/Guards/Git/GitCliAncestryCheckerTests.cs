using System.Diagnostics;
using AgentGate.Gateway.Guards.Git;

namespace AgentGate.Gateway.Tests.Guards.Git;

public sealed class GitCliAncestryCheckerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("agentgate-git-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Git(params string[] args)
    {
        var psi = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        foreach (var a in new[] { "-c", "user.name=t", "-c", "user.email=t@e", "-c", "commit.gpgsign=false" }.Concat(args))
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, p.StandardError.ReadToEnd());
        return output.Trim();
    }

    [Fact]
    public async Task IsAncestorAsync_RealRepo_DetectsFastForwardAndForce()
    {
        Git("init", "-q", "-b", "main");
        Git("commit", "-q", "--allow-empty", "-m", "one");
        var one = Git("rev-parse", "HEAD");
        Git("commit", "-q", "--allow-empty", "-m", "two");
        var two = Git("rev-parse", "HEAD");
        Git("checkout", "-q", "-b", "side", one);
        Git("commit", "-q", "--allow-empty", "-m", "three");
        var three = Git("rev-parse", "HEAD");
        var checker = new GitCliAncestryChecker();

        Assert.True(await checker.IsAncestorAsync(_dir, one, two, CancellationToken.None));
        Assert.False(await checker.IsAncestorAsync(_dir, two, three, CancellationToken.None));
        Assert.False(await checker.IsAncestorAsync(_dir, new string('1', 40), two, CancellationToken.None));
        Assert.False(await checker.IsAncestorAsync(_dir, "--help", two, CancellationToken.None));
    }
}
