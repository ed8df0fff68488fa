using System.Buffers;
using AgentGate.Gateway.Guards.Git;

namespace AgentGate.Gateway.GitProxy;

/// <summary>
/// Relays a remote's receive-pack ref advertisement with the <c>no-thin</c> capability added, so the pushing git
/// sends a self-contained pack: the gateway has none of the remote's objects, and a thin pack (deltas against
/// them) could not be unpacked and scanned for credentials. Only the pkt-line carrying the capabilities (the
/// first one with a NUL) is rewritten; everything else is copied as it comes.
/// </summary>
internal static class ReceivePackAdvertisement
{
    private static readonly byte[] NoThin = " no-thin"u8.ToArray();

    public static async Task CopyWithNoThinAsync(Stream source, Stream destination, CancellationToken cancellationToken)
    {
        // "# service=…", flush, an optional "version 1", then the first ref (or "capabilities^{}") with the capabilities.
        for (var line = 0; line < 5; line++)
        {
            var consumed = new ArrayBufferWriter<byte>();
            var (ok, payload, _) = await PktLine.ReadAsync(source, consumed, cancellationToken).ConfigureAwait(false);
            var patched = ok && payload is not null ? Patch(payload) : null;
            await destination.WriteAsync(patched ?? consumed.WrittenMemory, cancellationToken).ConfigureAwait(false);
            if (!ok || patched is not null)
            {
                break;
            }
        }

        await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
    }

    /// <returns>The re-encoded pkt-line with <c>no-thin</c> added, or null when <paramref name="payload"/> has no capabilities.</returns>
    internal static byte[]? Patch(byte[] payload)
    {
        var nul = Array.IndexOf(payload, (byte)0);
        if (nul < 0)
        {
            return null;
        }

        var end = payload.Length > 0 && payload[^1] == (byte)'\n' ? payload.Length - 1 : payload.Length;
        var capabilities = " " + System.Text.Encoding.ASCII.GetString(payload, nul + 1, end - nul - 1) + " ";
        if (capabilities.Contains(" no-thin ", StringComparison.Ordinal) || payload.Length + NoThin.Length + 4 > PktLine.MaxLength)
        {
            return PktLine.Encode(payload);
        }

        return PktLine.Encode([.. payload.AsSpan(0, end), .. NoThin, .. payload.AsSpan(end)]);
    }
}
