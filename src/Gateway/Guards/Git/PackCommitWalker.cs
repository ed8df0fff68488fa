using System.IO.Compression;
using System.Text;

namespace AgentGate.Gateway.Guards.Git;

/// <summary>
/// Decides a fast-forward from the commits a push carries when the upstream's history is not at hand (https
/// upstreams): the pushed pack is unpacked into an empty scratch object directory (loose objects), and the
/// walk goes from <c>new</c> through the parents found there. Reaching <c>old</c> proves a fast-forward; a walk
/// that leaves the pack (a parent the upstream already has) without meeting <c>old</c> proves nothing, so the
/// answer is "unknown" and the caller treats the update as a force push.
/// </summary>
internal static class PackCommitWalker
{
    public const int DefaultMaxCommits = 200_000;

    public static AncestryAnswer IsAncestor(string objectDirectory, string ancestor, string descendant, int maxCommits = DefaultMaxCommits)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { descendant };
        var queue = new Queue<string>();
        queue.Enqueue(descendant);
        var leftPack = false;
        while (queue.Count > 0)
        {
            var id = queue.Dequeue();
            if (id == ancestor)
            {
                return AncestryAnswer.Ancestor;
            }

            var parents = ReadParents(objectDirectory, id);
            if (parents is null)
            {
                leftPack = true;
                continue;
            }

            foreach (var p in parents)
            {
                if (seen.Count >= maxCommits)
                {
                    return AncestryAnswer.Unknown;
                }

                if (seen.Add(p))
                {
                    queue.Enqueue(p);
                }
            }
        }

        // Every path ended at a root commit inside the pack: the history is complete and old is not in it.
        return leftPack ? AncestryAnswer.Unknown : AncestryAnswer.NotAncestor;
    }

    /// <summary>The parents of a loose commit object, or null when the object is not there or is not a commit.</summary>
    internal static List<string>? ReadParents(string objectDirectory, string id)
    {
        if (id.Length is not (40 or 64) || !id.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var path = Path.Combine(objectDirectory, id[..2], id[2..]);
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = File.OpenRead(path);
        using var zlib = new ZLibStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(zlib, Encoding.UTF8);
        var header = new StringBuilder();
        int c;
        while ((c = reader.Read()) > 0 && header.Length < 32)
        {
            header.Append((char)c);
        }

        if (c != 0 || !header.ToString().StartsWith("commit ", StringComparison.Ordinal))
        {
            return null;
        }

        var parents = new List<string>();
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            if (line.StartsWith("parent ", StringComparison.Ordinal))
            {
                parents.Add(line[7..].Trim());
            }
        }

        return parents;
    }
}
