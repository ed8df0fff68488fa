namespace AgentGate.Policy.Builtins.Core.RegularExpressions;

/// <summary>
/// <c>regex.globs_match</c>: whether two simple patterns (literals, <c>.</c>, <c>[…]</c> classes, each optionally
/// followed by <c>*</c>, <c>+</c> or <c>?</c>) can match a common string, by searching their product automaton.
/// </summary>
internal static class GlobIntersection
{
    public static bool NonEmpty(string a, string b)
    {
        var x = Tokenize(a);
        var y = Tokenize(b);
        var seen = new HashSet<(int, int)>();
        var queue = new Queue<(int, int)>();
        foreach (var i in Closure(x, 0))
        {
            foreach (var j in Closure(y, 0))
            {
                if (seen.Add((i, j)))
                {
                    queue.Enqueue((i, j));
                }
            }
        }

        while (queue.Count > 0)
        {
            var (i, j) = queue.Dequeue();
            if (i == x.Count && j == y.Count)
            {
                return true;
            }

            if (i == x.Count || j == y.Count || !x[i].Set.Overlaps(y[j].Set))
            {
                continue;
            }

            foreach (var ni in Closure(x, x[i].Repeat ? i : i + 1).Concat(x[i].Repeat ? Closure(x, i + 1) : []))
            {
                foreach (var nj in Closure(y, y[j].Repeat ? j : j + 1).Concat(y[j].Repeat ? Closure(y, j + 1) : []))
                {
                    if (seen.Add((ni, nj)))
                    {
                        queue.Enqueue((ni, nj));
                    }
                }
            }
        }

        return false;
    }

    /// <summary>Positions reachable without consuming input (skipping optional tokens).</summary>
    private static List<int> Closure(List<Token> t, int i)
    {
        var result = new List<int> { i };
        while (i < t.Count && t[i].Optional)
        {
            result.Add(++i);
        }

        return result;
    }

    private sealed record Token(CharSet Set, bool Optional, bool Repeat);

    private static List<Token> Tokenize(string p)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < p.Length)
        {
            CharSet set;
            var c = p[i];
            switch (c)
            {
                case '.':
                    set = CharSet.Any;
                    i++;
                    break;
                case '[':
                    set = CharSet.ParseClass(p, ref i);
                    break;
                case '\\' when i + 1 < p.Length:
                    set = CharSet.Single(p[i + 1]);
                    i += 2;
                    break;
                case '*' or '+' or '?':
                    throw new FormatException($"quantifier '{c}' without a preceding character");
                case '(' or ')' or '|' or '{' or '}' or '^' or '$':
                    throw new FormatException($"unsupported syntax '{c}' in glob pattern");
                default:
                    set = CharSet.Single(c);
                    i++;
                    break;
            }

            var q = i < p.Length ? p[i] : '\0';
            switch (q)
            {
                case '*':
                    tokens.Add(new Token(set, Optional: true, Repeat: true));
                    i++;
                    break;
                case '+':
                    tokens.Add(new Token(set, Optional: false, Repeat: false));
                    tokens.Add(new Token(set, Optional: true, Repeat: true));
                    i++;
                    break;
                case '?':
                    tokens.Add(new Token(set, Optional: true, Repeat: false));
                    i++;
                    break;
                default:
                    tokens.Add(new Token(set, Optional: false, Repeat: false));
                    break;
            }
        }

        return tokens;
    }
}
