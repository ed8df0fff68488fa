using System.Text;

namespace AgentGate.Gateway.Guards.Leaks;

/// <summary>
/// Scans one body chunk by chunk. Keeps at most <see cref="LeakScannerOptions.CarryBytes"/> between chunks, so a
/// token split over a boundary is still found, and never holds the whole body.
/// </summary>
internal sealed class LeakScanSession(LeakScanner scanner, string? destinationHost)
{
    private char[] _carry = [];
    private long _scanned;
    private long _checkedUpTo;

    public LeakFinding? Finding { get; private set; }

    public bool OverLimit { get; private set; }

    /// <summary>Scans a chunk; returns the first finding (sticky) or, over the limit with policy Refuse, an over-limit finding.</summary>
    public LeakFinding? Scan(ReadOnlySpan<byte> chunk, bool final = false)
    {
        if (Finding is not null)
        {
            return Finding;
        }

        var limit = scanner.Options.MaxScanBytes;
        if (_scanned + chunk.Length > limit)
        {
            OverLimit = true;
            chunk = chunk[..(int)Math.Max(0, limit - _scanned)];
            final = true;
        }

        var bufferStart = _scanned - _carry.Length;
        _scanned += chunk.Length;
        var buffer = new char[_carry.Length + chunk.Length];
        _carry.CopyTo(buffer, 0);
        Encoding.Latin1.GetChars(chunk, buffer.AsSpan(_carry.Length));
        var carry = scanner.Options.CarryBytes;

        // Candidates in the last CarryBytes wait for the next chunk, so each is checked with full look-ahead.
        var safeEnd = final ? buffer.Length : Math.Max(0, buffer.Length - carry);
        ReadOnlySpan<char> text = buffer;
        var i = (int)Math.Max(0, _checkedUpTo - bufferStart);
        while (i < safeEnd)
        {
            // Search past safeEnd so a needle that starts before it but ends after it is still matched.
            var hit = text[i..].IndexOfAny(scanner.Needles);
            if (hit < 0 || i + hit >= safeEnd)
            {
                break;
            }

            i += hit;
            var f = scanner.Check(text[..(final ? buffer.Length : Math.Min(buffer.Length, i + carry))], i, destinationHost);
            if (f is not null)
            {
                return Finding = f;
            }

            i++;
        }

        _checkedUpTo = bufferStart + Math.Max(safeEnd, i);
        _carry = buffer.AsSpan(Math.Max(0, buffer.Length - carry)).ToArray();
        if (OverLimit && scanner.Options.OverLimit == OverLimitPolicy.Refuse)
        {
            return Finding = new LeakFinding("scan-limit-exceeded", null, $"body larger than {limit} bytes");
        }

        return null;
    }
}
