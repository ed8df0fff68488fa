using System.Buffers;
using System.Diagnostics;
using AgentGate.Gateway.Guards.Git;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// Computes <c>force</c> for every ref update of a push before anything is forwarded. Creates and deletes need no
/// pack. For an update of an existing ref the pack is streamed to a spool file and, at the same time, into git:
/// <list type="bullet">
/// <item>file:// upstreams: <c>git index-pack --stdin --fix-thin</c> into a quarantine object directory whose
/// alternate is the repository's own, then <c>git merge-base --is-ancestor old new</c> — exact.</item>
/// <item>https upstreams: <c>git unpack-objects</c> into an empty scratch directory, then a walk of the pushed
/// commits from <c>new</c> (<see cref="PackCommitWalker"/>): reaching <c>old</c> proves a fast-forward, a
/// complete history without it proves a rewrite, anything else is undecided and treated as force.</item>
/// </list>
/// Bounded: the spool is on disk and refused past <see cref="GitProxyOptions.MaxPushBytes"/>; the walk stops at
/// <see cref="GitProxyOptions.MaxWalkCommits"/>.
/// </summary>
internal sealed class PushInspector(GitProxyOptions options, GitCliAncestryChecker ancestry, string gitExecutable = "git")
{
    public static bool NeedsPack(IReadOnlyList<RefUpdate> updates) => updates.Any(u => !u.IsCreate && !u.IsDelete);

    /// <summary>Any update but a deletion brings a pack, whose content the leak stop scans.</summary>
    public static bool CarriesPack(IReadOnlyList<RefUpdate> updates) => updates.Any(u => !u.IsDelete);

    public async Task<PushSpool> SpoolAsync(GitRepo repo, Stream pack, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("agentgate-push-").FullName;
        string objects;
        string[] args;
        if (repo.IsLocal)
        {
            objects = Path.Combine(directory, "objects");
            Directory.CreateDirectory(Path.Combine(objects, "pack"));
            args = ["--git-dir", repo.LocalPath, "index-pack", "--stdin", "--fix-thin"];
        }
        else
        {
            var scratch = Path.Combine(directory, "scratch.git");
            objects = Path.Combine(scratch, "objects");
            Directory.CreateDirectory(Path.Combine(objects, "info"));
            Directory.CreateDirectory(Path.Combine(scratch, "refs"));
            await File.WriteAllTextAsync(Path.Combine(scratch, "HEAD"), "ref: refs/heads/main\n", cancellationToken).ConfigureAwait(false);
            args = ["--git-dir", scratch, "unpack-objects", "-q"];
        }

        var psi = new ProcessStartInfo(gitExecutable) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        psi.Environment["GIT_TERMINAL_PROMPT"] = "0";
        if (repo.IsLocal)
        {
            psi.Environment["GIT_OBJECT_DIRECTORY"] = objects;
            psi.Environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = Path.Combine(repo.LocalPath, "objects");
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start git");
        try
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var (length, error) = await TeeAsync(pack, Path.Combine(directory, "push.pack"), process.StandardInput.BaseStream, cancellationToken).ConfigureAwait(false);
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
            return new PushSpool(directory, objects, length, process.ExitCode == 0, error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The force flag of every update; <paramref name="spool"/> is null when no update needs the pack.</summary>
    public async Task<List<ClassifiedUpdate>> ClassifyAsync(GitRepo repo, IReadOnlyList<RefUpdate> updates, PushSpool? spool, CancellationToken cancellationToken)
    {
        var result = new List<ClassifiedUpdate>(updates.Count);
        foreach (var u in updates)
        {
            if (u.IsCreate || u.IsDelete)
            {
                result.Add(new ClassifiedUpdate(u, false));
                continue;
            }

            var answer = repo.IsLocal
                ? await ancestry.CheckAsync(repo.LocalPath, spool?.ObjectDirectory, u.Old, u.New, cancellationToken).ConfigureAwait(false)
                : spool is null ? AncestryAnswer.Unknown : PackCommitWalker.IsAncestor(spool.ObjectDirectory, u.Old, u.New, options.MaxWalkCommits);
            result.Add(answer switch
            {
                AncestryAnswer.Ancestor => new ClassifiedUpdate(u, false),
                AncestryAnswer.NotAncestor => new ClassifiedUpdate(u, true),
                _ => new ClassifiedUpdate(u, true, repo.IsLocal
                    ? "an object of the update is missing from the repository and the pushed pack"
                    : "the pushed commits do not reach the old value; the upstream's history is not visible to the gateway"),
            });
        }

        return result;
    }

    private async Task<(long Length, string? Error)> TeeAsync(Stream pack, string path, Stream stdin, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var feeding = true;
        long total = 0;
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
            int n;
            while ((n = await pack.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += n;
                if (total > options.MaxPushBytes)
                {
                    return (total, $"push is larger than the gateway's limit of {options.MaxPushBytes} bytes (AgentGate:Git:MaxPushBytes)");
                }

                await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
                feeding = feeding && await FeedAsync(stdin, buffer.AsMemory(0, n), cancellationToken).ConfigureAwait(false);
            }

            return (total, null);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            try
            {
                await stdin.DisposeAsync().ConfigureAwait(false);
            }
            catch (IOException)
            {
                // git already exited; its exit code says why.
            }
        }
    }

    private static async ValueTask<bool> FeedAsync(Stream stdin, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        try
        {
            await stdin.WriteAsync(data, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (IOException)
        {
            // git stopped reading (a corrupt pack): keep spooling, the update stays undecided.
            return false;
        }
    }
}
