using System.Text;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// Names pushed blobs by their path: every pushed tree's entries that point at another pushed object are recorded
/// (child → parent tree and entry name), so a blob's path is rebuilt by walking up to a root tree. Only new objects
/// are recorded, which is all a finding needs: a new blob sits in new trees up to the commit's root tree.
/// </summary>
internal sealed class TreePathIndex(HashSet<string> pushed)
{
    private readonly Dictionary<string, (string Parent, string Name)> _parents = new(StringComparer.Ordinal);

    /// <summary>Records a tree's entries (<c>&lt;mode&gt; &lt;name&gt;\0&lt;raw id&gt;</c>); <paramref name="idBytes"/> is 20 (SHA-1) or 32 (SHA-256).</summary>
    public void AddTree(string treeId, ReadOnlySpan<byte> content, int idBytes)
    {
        while (!content.IsEmpty)
        {
            var space = content.IndexOf((byte)' ');
            var nul = content.IndexOf((byte)0);
            if (space < 0 || nul < space || nul + 1 + idBytes > content.Length)
            {
                return;
            }

            var child = Convert.ToHexStringLower(content.Slice(nul + 1, idBytes));
            if (pushed.Contains(child))
            {
                _parents.TryAdd(child, (treeId, Encoding.UTF8.GetString(content.Slice(space + 1, nul - space - 1))));
            }

            content = content[(nul + 1 + idBytes)..];
        }
    }

    /// <summary>The blob's path from its root tree, or null when no pushed tree names it.</summary>
    public string? PathOf(string blobId)
    {
        var parts = new List<string>();
        var id = blobId;
        while (parts.Count < 256 && _parents.TryGetValue(id, out var up))
        {
            parts.Add(up.Name);
            id = up.Parent;
        }

        parts.Reverse();
        return parts.Count == 0 ? null : string.Join('/', parts);
    }
}
