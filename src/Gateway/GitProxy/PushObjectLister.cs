using System.Diagnostics;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// Lists the objects a push brings: every object git indexed from the spooled pack (the quarantine of a local
/// repository, the scratch directory of a remote one). For a local repository, objects the repository already has
/// (delta bases <c>index-pack --fix-thin</c> copied into the quarantine) are left out: they are not new content.
/// Stops reading once <paramref name="maxObjects"/> are exceeded.
/// </summary>
internal sealed class PushObjectLister(string gitExecutable = "git")
{
    /// <returns>The new objects (at most <paramref name="maxObjects"/> + 1, so the caller sees the overflow), or null when git failed.</returns>
    public async Task<List<PushObject>?> ListAsync(GitRepo repo, PushSpool spool, int maxObjects, CancellationToken cancellationToken)
    {
        var listed = await RunAsync(
            [.. GitDir(repo, spool), "cat-file", "--batch-all-objects", "--unordered", "--batch-check=%(objectname) %(objecttype) %(objectsize)"],
            spool.ObjectDirectory, null, maxObjects + 1, cancellationToken).ConfigureAwait(false);
        if (listed is null || !repo.IsLocal || listed.Count == 0)
        {
            return listed;
        }

        var missing = await RunAsync(["--git-dir", repo.LocalPath, "cat-file", "--batch-check=%(objectname)"], null, listed.Select(o => o.Id), int.MaxValue, cancellationToken).ConfigureAwait(false);
        if (missing is null)
        {
            return null;
        }

        var fresh = missing.Where(o => o.Type == "missing").Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        return listed.Where(o => fresh.Contains(o.Id)).ToList();
    }

    /// <summary>The <c>--git-dir</c> whose config git reads while it looks only at the spool's objects.</summary>
    public static string[] GitDir(GitRepo repo, PushSpool spool) =>
        ["--git-dir", repo.IsLocal ? repo.LocalPath : Path.GetDirectoryName(spool.ObjectDirectory)!];

    private async Task<List<PushObject>?> RunAsync(string[] args, string? objectDirectory, IEnumerable<string>? input, int max, CancellationToken cancellationToken)
    {
        using var process = GitCommand.Start(gitExecutable, args, objectDirectory);
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var feed = FeedAsync(process, input, cancellationToken);
            var result = new List<PushObject>();
            while (await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                var parts = line.Split(' ');
                result.Add(parts.Length == 3 && long.TryParse(parts[2], System.Globalization.CultureInfo.InvariantCulture, out var size)
                    ? new PushObject(parts[0], parts[1], size)
                    : new PushObject(parts[0], parts.Length == 2 ? parts[1] : "unknown", -1));
                if (result.Count >= max)
                {
                    return result;
                }
            }

            await feed.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await stderr.ConfigureAwait(false);
            return process.ExitCode == 0 ? result : null;
        }
        finally
        {
            GitCommand.Stop(process);
        }
    }

    private static async Task FeedAsync(Process process, IEnumerable<string>? input, CancellationToken cancellationToken)
    {
        var stdin = process.StandardInput;
        try
        {
            foreach (var line in input ?? [])
            {
                await stdin.WriteAsync((line + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (IOException)
        {
            // git stopped reading; its exit code says why.
        }
        finally
        {
            try
            {
                stdin.Close();
            }
            catch (IOException)
            {
                // Already closed by git's exit.
            }
        }
    }
}
