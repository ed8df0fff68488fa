using System.Diagnostics;

namespace AgentGate.Gateway.Tests.GitProxy;

/// <summary>Runs the real git client with an isolated HOME and no system config or prompts.</summary>
internal sealed class GitCli(string home)
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    public async Task<Result> RunAsync(string? directory, params string[] args)
    {
        var psi = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory ?? home,
        };
        foreach (var a in (string[])["-c", "user.name=Test", "-c", "user.email=test@example.invalid", "-c", "init.defaultBranch=main", "-c", "credential.helper=", .. args])
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["HOME"] = home;
        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        psi.Environment["GIT_ASKPASS"] = string.Empty;
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    public async Task<string> CheckedAsync(string? directory, params string[] args)
    {
        var result = await RunAsync(directory, args);
        Assert.True(result.ExitCode == 0, $"git {string.Join(' ', args)} failed: {result.All}");
        return result.Stdout.Trim();
    }
}
