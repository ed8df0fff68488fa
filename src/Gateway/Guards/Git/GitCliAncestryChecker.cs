using System.Diagnostics;

namespace AgentGate.Gateway.Guards.Git;

/// <summary>Runs `git merge-base --is-ancestor` in a (bare) repository. Unknown objects count as "not an ancestor" (a force push).</summary>
internal sealed class GitCliAncestryChecker(string gitExecutable = "git") : IAncestryChecker
{
    public async ValueTask<bool> IsAncestorAsync(string repositoryPath, string ancestor, string descendant, CancellationToken cancellationToken)
    {
        if (!IsId(ancestor) || !IsId(descendant))
        {
            return false;
        }

        var psi = new ProcessStartInfo(gitExecutable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "-C", repositoryPath, "merge-base", "--is-ancestor", ancestor, descendant })
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start git");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        return process.ExitCode == 0;
    }

    private static bool IsId(string s) => s.Length is 40 or 64 && s.All(char.IsAsciiHexDigitLower);
}
