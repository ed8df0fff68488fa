namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

/// <summary>A character class: ranges, possibly negated, or any character.</summary>
internal sealed class CharSet
{
    private readonly List<(char Lo, char Hi)> _ranges;
    private readonly bool _negated;
    private readonly bool _any;

    private CharSet(List<(char, char)> ranges, bool negated, bool any)
    {
        _ranges = ranges;
        _negated = negated;
        _any = any;
    }

    public static CharSet Any { get; } = new([], negated: false, any: true);

    public static CharSet Single(char c) => new([(c, c)], negated: false, any: false);

    public static CharSet ParseClass(string p, ref int i)
    {
        i++;
        var negated = i < p.Length && p[i] == '^';
        if (negated)
        {
            i++;
        }

        var ranges = new List<(char, char)>();
        var first = true;
        while (i < p.Length && (p[i] != ']' || first))
        {
            first = false;
            var lo = p[i] == '\\' && i + 1 < p.Length ? p[++i] : p[i];
            i++;
            var hi = lo;
            if (i + 1 < p.Length && p[i] == '-' && p[i + 1] != ']')
            {
                hi = p[i + 1] == '\\' && i + 2 < p.Length ? p[i + 2] : p[i + 1];
                i += p[i + 1] == '\\' ? 3 : 2;
            }

            ranges.Add((lo, hi));
        }

        if (i >= p.Length)
        {
            throw new FormatException("missing closing ]");
        }

        i++;
        return new CharSet(ranges, negated, any: false);
    }

    public bool Contains(char c) => _any || (_ranges.Any(r => c >= r.Lo && c <= r.Hi) != _negated);

    public bool Overlaps(CharSet other)
    {
        if (_any || other._any)
        {
            return (_any ? other : this).NonEmpty();
        }

        if (_negated && other._negated)
        {
            return true;
        }

        var (pos, neg) = _negated ? (other, this) : (this, other);
        foreach (var (lo, hi) in pos._ranges)
        {
            for (var c = lo; c <= hi; c++)
            {
                if (neg.Contains(c))
                {
                    return true;
                }

                if (c == char.MaxValue)
                {
                    break;
                }
            }
        }

        return false;
    }

    private bool NonEmpty() => _any || _negated || _ranges.Count > 0;
}
