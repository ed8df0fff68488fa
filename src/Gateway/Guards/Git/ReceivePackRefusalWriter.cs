using System.Text;

namespace AgentGate.Gateway.Guards.Git;

/// <summary>
/// Builds a receive-pack result body (content type application/x-git-receive-pack-result) that refuses ref updates
/// in git's own protocol, so `git push` prints "! [remote rejected] ref (reason)" and "remote: …" lines.
/// </summary>
internal static class ReceivePackRefusalWriter
{
    public const string ContentType = "application/x-git-receive-pack-result";

    /// <param name="rejected">Ref → reason for every refused ref; other refs in <paramref name="request"/> get "ng … not applied".</param>
    public static byte[] Build(ReceivePackRequest request, IReadOnlyDictionary<string, string> rejected, IReadOnlyList<string> messages)
    {
        var status = new MemoryStream();
        Write(status, PktLine.Encode("unpack ok\n"));
        foreach (var u in request.Updates)
        {
            var reason = rejected.TryGetValue(u.Ref, out var r) ? r : "not applied: another ref in this push was refused";
            Write(status, PktLine.Encode($"ng {u.Ref} {Clean(reason)}\n"));
        }

        Write(status, PktLine.Flush);
        if (!request.SideBand64k && !request.SideBand)
        {
            return status.ToArray();
        }

        var max = (request.SideBand64k ? PktLine.MaxLength : 1000) - 5;
        var output = new MemoryStream();
        foreach (var m in messages)
        {
            Band(output, 2, Encoding.UTF8.GetBytes(Clean(m) + "\n"), max);
        }

        Band(output, 1, status.ToArray(), max);
        Write(output, PktLine.Flush);
        return output.ToArray();
    }

    private static void Band(MemoryStream output, byte band, byte[] data, int max)
    {
        for (var offset = 0; offset < data.Length; offset += max)
        {
            var n = Math.Min(max, data.Length - offset);
            var payload = new byte[n + 1];
            payload[0] = band;
            data.AsSpan(offset, n).CopyTo(payload.AsSpan(1));
            Write(output, PktLine.Encode(payload));
        }
    }

    private static void Write(MemoryStream s, byte[] b) => s.Write(b, 0, b.Length);

    private static string Clean(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            sb.Append(char.IsControl(c) ? ' ' : c);
        }

        return sb.Length > 1000 ? sb.ToString(0, 1000) : sb.ToString();
    }
}
