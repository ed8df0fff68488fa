using System.Text;

namespace AgentGate.Gateway.GitProxy;

/// <summary>The header block of a CGI response: status (from <c>Status:</c>, default 200) and the other headers.</summary>
internal sealed record CgiHeaders(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] BodyStart)
{
    public const int MaxHeaderBytes = 64 * 1024;

    /// <summary>Reads up to the blank line ending the headers; bytes read past it are returned in <see cref="BodyStart"/>.</summary>
    public static async Task<CgiHeaders?> ReadAsync(Stream output, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        while (buffer.Length < MaxHeaderBytes)
        {
            var n = await output.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                return null;
            }

            buffer.Write(chunk, 0, n);
            var data = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            var (end, length) = FindEnd(data);
            if (end >= 0)
            {
                return Parse(Encoding.ASCII.GetString(data[..end]), data[(end + length)..].ToArray());
            }
        }

        return null;
    }

    private static (int End, int Length) FindEnd(ReadOnlySpan<byte> data)
    {
        var crlf = data.IndexOf("\r\n\r\n"u8);
        var lf = data.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            return (crlf, 4);
        }

        return lf >= 0 ? (lf, 2) : (-1, 0);
    }

    private static CgiHeaders Parse(string block, byte[] bodyStart)
    {
        var status = 200;
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var raw in block.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            if (name.Equals("Status", StringComparison.OrdinalIgnoreCase))
            {
                var space = value.IndexOf(' ', StringComparison.Ordinal);
                _ = int.TryParse(space < 0 ? value : value[..space], System.Globalization.CultureInfo.InvariantCulture, out status);
            }
            else
            {
                headers.Add(new(name, value));
            }
        }

        return new CgiHeaders(status is >= 100 and <= 599 ? status : 502, headers, bodyStart);
    }
}
