using System.Diagnostics;
using AgentGate.Gateway.Guards.Leaks;
using AgentGate.Gateway.LeakStop;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// The leak stop for pushed git content. Every new object of the spooled pack (commits and tags: messages and
/// headers; trees: file names; blobs: file contents, binary ones too; deltas resolved by git) is streamed out of
/// <c>git cat-file --batch</c> and through a <see cref="LeakScanSession"/> chunk by chunk, so memory stays at one
/// buffer plus the scanner's carry whatever the object sizes. Bounded by <see cref="GitProxyOptions.MaxScanObjects"/>,
/// <see cref="GitProxyOptions.MaxScanObjectBytes"/> and <see cref="GitProxyOptions.MaxScanBytes"/> (inflated bytes),
/// all checked from the object list before any content is read.
/// </summary>
internal sealed class PushContentScanner(GitProxyOptions options, LeakStopScanner leaks, PushObjectLister lister, string gitExecutable = "git")
{
    private const int MaxIndexedTreeBytes = 8 * 1024 * 1024;
    private readonly LeakScanner _scanner = leaks.CreateBodyScanner(new LeakScannerOptions { MaxScanBytes = long.MaxValue, OverLimit = OverLimitPolicy.Pass });

    public async Task<PushScanResult> ScanAsync(GitRepo repo, PushSpool spool, CancellationToken cancellationToken)
    {
        if (!spool.Indexed)
        {
            return PushScanResult.Unscannable(repo.IsLocal
                ? "git index-pack could not index the pushed pack"
                : "the pushed pack could not be unpacked (a thin pack with deltas against objects the gateway does not have, or a corrupt pack)");
        }

        var objects = await lister.ListAsync(repo, spool, options.MaxScanObjects, cancellationToken).ConfigureAwait(false);
        if (objects is null)
        {
            return PushScanResult.Unscannable("git could not list the pushed objects");
        }

        var plan = ScanPlan.Build(objects, options);
        if (plan.Problem is not null)
        {
            return PushScanResult.Unscannable(plan.Problem);
        }

        return await ScanObjectsAsync(repo, spool, plan, cancellationToken).ConfigureAwait(false);
    }

    private async Task<PushScanResult> ScanObjectsAsync(GitRepo repo, PushSpool spool, ScanPlan plan, CancellationToken cancellationToken)
    {
        var list = plan.Objects;
        using var process = GitCommand.Start(gitExecutable, [.. PushObjectLister.GitDir(repo, spool), "cat-file", "--batch"], spool.ObjectDirectory);
        try
        {
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            var feed = FeedAsync(process, list, cancellationToken);
            var reader = new CatFileBatchReader(process.StandardOutput.BaseStream);
            var paths = new TreePathIndex(list.Select(o => o.Id).ToHashSet(StringComparer.Ordinal));
            var host = repo.IsLocal ? null : repo.Upstream.Host;
            long bytes = 0;
            for (var n = 0; n < list.Count; n++)
            {
                var header = await reader.ReadHeaderAsync(cancellationToken).ConfigureAwait(false);
                if (header is not { Size: >= 0 } obj || obj.Id != list[n].Id)
                {
                    return PushScanResult.Unscannable($"git cat-file could not read object {list[n].ShortId}");
                }

                var limit = Math.Min(obj.Size, options.MaxScanObjectBytes);
                var tree = obj.Type == "tree" && obj.Size <= Math.Min(limit, MaxIndexedTreeBytes) ? new MemoryStream((int)obj.Size) : null;
                var (finding, fed) = await ScanContentAsync(reader, _scanner.StartScan(host), limit, tree, cancellationToken).ConfigureAwait(false);
                if (fed < 0)
                {
                    return PushScanResult.Unscannable($"git cat-file stopped in the middle of object {obj.ShortId}");
                }

                bytes += fed;
                if (finding is not null)
                {
                    return new PushScanResult(finding, Locate(obj, paths), null, null, n + 1, bytes);
                }

                if (tree is not null)
                {
                    paths.AddTree(obj.Id, tree.GetBuffer().AsSpan(0, (int)tree.Length), obj.Id.Length / 2);
                }
            }

            await feed.ConfigureAwait(false);
            _ = await stderr.ConfigureAwait(false);
            return new PushScanResult(null, null, null, plan.Unscanned, list.Count, bytes);
        }
        finally
        {
            GitCommand.Stop(process);
        }
    }

    /// <summary>
    /// Feeds the first <paramref name="limit"/> bytes of the reader's current object through <paramref name="session"/>
    /// as they arrive (and into <paramref name="copy"/> when set); the rest is skipped by the next header read.
    /// </summary>
    /// <returns>The finding, and the bytes scanned (-1 when the output ended early).</returns>
    internal static async Task<(LeakFinding? Finding, long Fed)> ScanContentAsync(CatFileBatchReader reader, LeakScanSession session, long limit, Stream? copy, CancellationToken cancellationToken)
    {
        long fed = 0;
        var finding = limit == 0 ? session.Scan([], final: true) : null;
        while (finding is null && fed < limit)
        {
            var chunk = await reader.ReadContentAsync(cancellationToken).ConfigureAwait(false);
            if (chunk.IsEmpty)
            {
                return (null, -1);
            }

            var take = (int)Math.Min(chunk.Length, limit - fed);
            fed += take;
            copy?.Write(chunk.Span[..take]);
            finding = session.Scan(chunk.Span[..take], final: fed == limit);
        }

        return (finding, fed);
    }

    private static string Locate(PushObject obj, TreePathIndex paths) => obj.Type switch
    {
        "blob" => paths.PathOf(obj.Id) is { } path ? $"{path} (blob {obj.ShortId})" : $"blob {obj.ShortId}",
        "commit" => $"commit {obj.ShortId} (its message or header)",
        "tag" => $"tag object {obj.ShortId} (its message or header)",
        "tree" => $"a file name in tree {obj.ShortId}",
        _ => $"{obj.Type} {obj.ShortId}",
    };

    private static async Task FeedAsync(Process process, IReadOnlyList<PushObject> objects, CancellationToken cancellationToken)
    {
        var stdin = process.StandardInput;
        try
        {
            foreach (var o in objects)
            {
                await stdin.WriteAsync((o.Id + "\n").AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            stdin.Close();
        }
        catch (IOException)
        {
            // git stopped reading (the scan ended early or git failed); the reader reports it.
        }
    }
}
