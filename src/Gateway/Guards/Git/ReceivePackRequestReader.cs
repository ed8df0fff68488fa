using System.Buffers;
using System.Text;

namespace AgentGate.Gateway.Guards.Git;

/// <summary>
/// Reads the command list (and push options, when negotiated) of a git-receive-pack request body, never reading
/// past it, so the pack data that follows can be streamed on after <see cref="ReceivePackRequest.Consumed"/>.
/// </summary>
internal static class ReceivePackRequestReader
{
    public const int MaxCommands = 10_000;

    public static async ValueTask<ReceivePackRequest> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        var consumed = new ArrayBufferWriter<byte>();
        var updates = new List<RefUpdate>();
        var caps = new HashSet<string>(StringComparer.Ordinal);
        var options = new List<string>();

        ReceivePackRequest Fail(string e) => new(updates, caps, options, consumed.WrittenSpan.ToArray(), e);

        while (true)
        {
            var (ok, payload, error) = await PktLine.ReadAsync(body, consumed, cancellationToken).ConfigureAwait(false);
            if (!ok)
            {
                return Fail(error!);
            }

            if (payload is null)
            {
                break;
            }

            var line = Encoding.UTF8.GetString(payload).TrimEnd('\n');
            var nul = line.IndexOf('\0', StringComparison.Ordinal);
            if (nul >= 0)
            {
                foreach (var c in line[(nul + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    caps.Add(c);
                }

                line = line[..nul];
            }

            if (line.StartsWith("shallow ", StringComparison.Ordinal))
            {
                continue;
            }

            if (line.StartsWith("push-cert", StringComparison.Ordinal))
            {
                return Fail("signed pushes (push-cert) are not supported");
            }

            var parts = line.Split(' ');
            if (parts.Length != 3 || !IsObjectId(parts[0]) || !IsObjectId(parts[1]) || parts[0].Length != parts[1].Length || parts[2].Length == 0)
            {
                return Fail("malformed receive-pack command");
            }

            if (updates.Count >= MaxCommands)
            {
                return Fail("too many ref updates in one push");
            }

            updates.Add(new RefUpdate(parts[2], parts[0], parts[1]));
        }

        if (updates.Count == 0)
        {
            return Fail("push has no ref updates");
        }

        if (caps.Contains("push-options"))
        {
            while (true)
            {
                var (ok, payload, error) = await PktLine.ReadAsync(body, consumed, cancellationToken).ConfigureAwait(false);
                if (!ok)
                {
                    return Fail(error!);
                }

                if (payload is null)
                {
                    break;
                }

                options.Add(Encoding.UTF8.GetString(payload).TrimEnd('\n'));
            }
        }

        return new ReceivePackRequest(updates, caps, options, consumed.WrittenSpan.ToArray(), null);
    }

    private static bool IsObjectId(string s) => s.Length is 40 or 64 && s.All(char.IsAsciiHexDigitLower);
}
