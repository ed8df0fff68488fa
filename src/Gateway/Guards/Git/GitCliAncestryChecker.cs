using System.Diagnostics;

namespace AgentGate.Gateway.Guards.Git;

/// <summary>
/// Runs `git merge-base --is-ancestor` in a (bare) repository, optionally with a quarantine object directory in
/// front of the repository's own (where a pushed pack was indexed). Unknown objects count as "not an ancestor".
/// </summary>
internal sealed class GitCliAncestryChecker(string gitExecutable = "git")
{
    public async ValueTask<bool> IsAncestorAsync(string repositoryPath, string ancestor, string descendant, CancellationToken cancellationToken) =>
        await CheckAsync(repositoryPath, null, ancestor, descendant, cancellationToken).ConfigureAwait(false) == AncestryAnswer.Ancestor;

    /// <param name="quarantine">An object directory searched first (GIT_OBJECT_DIRECTORY), the repository's objects as its alternate.</param>
    public async ValueTask<AncestryAnswer> CheckAsync(string repositoryPath, string? quarantine, string ancestor, string descendant, CancellationToken cancellationToken)
    {
        if (!IsId(ancestor) || !IsId(descendant))
        {
            return AncestryAnswer.Unknown;
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
        if (quarantine is not null)
        {
            psi.Environment["GIT_OBJECT_DIRECTORY"] = quarantine;
            psi.Environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = Path.Combine(repositoryPath, "objects");
        }

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
        return process.ExitCode switch
        {
            0 => AncestryAnswer.Ancestor,
            1 => AncestryAnswer.NotAncestor,
            _ => AncestryAnswer.Unknown,
        };
    }

    private static bool IsId(string s) => s.Length is 40 or 64 && s.All(char.IsAsciiHexDigitLower);
}
