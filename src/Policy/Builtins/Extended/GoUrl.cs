using System.Text;

namespace AgentGate.Policy.Builtins.Extended;

/// <summary>
/// The parts of a URL as Go's <c>net/url.Parse</c> splits and validates them (fragment, scheme, query, authority
/// with port and host checks, percent-decoding of path, host and fragment). Errors read as Go's.
/// </summary>
internal sealed record GoUrl(string Scheme, string Host, string Path, string RawPath, string RawQuery, string Fragment)
{
    private const string HostExtra = "!$&'()*+,;=:[]<>\"-_.~";

    /// <summary>Parses <paramref name="raw"/>; throws <see cref="FormatException"/> with Go's message.</summary>
    public static GoUrl Parse(string raw)
    {
        try
        {
            return ParseCore(raw);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"parse {Quote(raw)}: {ex.Message}", ex);
        }
    }

    /// <summary>The host without port or IPv6 brackets.</summary>
    public string Hostname => SplitHostPort().Host;

    public string Port => SplitHostPort().Port;

    private (string Host, string Port) SplitHostPort()
    {
        var (host, port) = (Host, string.Empty);
        var colon = host.LastIndexOf(':');
        if (colon >= 0 && ValidOptionalPort(host[colon..]))
        {
            (host, port) = (host[..colon], host[(colon + 1)..]);
        }

        return host.StartsWith('[') && host.EndsWith(']') ? (host[1..^1], port) : (host, port);
    }

    private static GoUrl ParseCore(string raw)
    {
        var hash = raw.IndexOf('#');
        var (rest, frag) = hash < 0 ? (raw, string.Empty) : (raw[..hash], raw[(hash + 1)..]);
        if (rest.Any(c => c < 0x20 || c == 0x7f))
        {
            throw new FormatException("net/url: invalid control character in URL");
        }

        var fragment = Unescape(frag, host: false);
        if (rest == "*")
        {
            return new GoUrl(string.Empty, string.Empty, "*", string.Empty, string.Empty, fragment);
        }

        var (scheme, afterScheme) = SplitScheme(rest);
        rest = afterScheme;
        var query = string.Empty;
        if (rest.EndsWith('?') && rest.Count(c => c == '?') == 1)
        {
            rest = rest[..^1];
        }
        else if (rest.IndexOf('?') is var q and >= 0)
        {
            (rest, query) = (rest[..q], rest[(q + 1)..]);
        }

        if (!rest.StartsWith('/'))
        {
            if (scheme.Length > 0)
            {
                return new GoUrl(scheme, string.Empty, string.Empty, string.Empty, query, fragment);
            }

            var slash = rest.IndexOf('/');
            if ((slash < 0 ? rest : rest[..slash]).Contains(':'))
            {
                throw new FormatException("first path segment in URL cannot contain colon");
            }
        }

        var host = string.Empty;
        if ((scheme.Length > 0 || !rest.StartsWith("///", StringComparison.Ordinal)) && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            var slash = authority.IndexOf('/');
            (authority, rest) = slash < 0 ? (authority, string.Empty) : (authority[..slash], authority[slash..]);
            host = Authority(authority);
        }

        var path = Unescape(rest, host: false);
        return new GoUrl(scheme, host, path, EscapePath(path) == rest ? string.Empty : rest, query, fragment);
    }

    private static (string Name, string Remainder) SplitScheme(string raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }

            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    return (string.Empty, raw);
                }

                continue;
            }

            if (c == ':')
            {
                return i == 0 ? throw new FormatException("missing protocol scheme") : (raw[..i].ToLowerInvariant(), raw[(i + 1)..]);
            }

            return (string.Empty, raw);
        }

        return (string.Empty, raw);
    }

    private static string Authority(string authority)
    {
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var user = authority[..at];
            if (user.Any(c => !char.IsAsciiLetterOrDigit(c) && !"-._:~!$&'()*+,;=%@".Contains(c)))
            {
                throw new FormatException("net/url: invalid userinfo");
            }

            Unescape(user, host: false);
        }

        var host = authority[(at + 1)..];
        string colonPort;
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            colonPort = close < 0 ? throw new FormatException("missing ']' in host") : host[(close + 1)..];
        }
        else
        {
            var colon = host.LastIndexOf(':');
            colonPort = colon < 0 ? string.Empty : host[colon..];
        }

        if (!ValidOptionalPort(colonPort))
        {
            throw new FormatException($"invalid port {Quote(colonPort)} after host");
        }

        return Unescape(host, host: true);
    }

    private static bool ValidOptionalPort(string port) =>
        port.Length == 0 || (port[0] == ':' && port.Skip(1).All(char.IsAsciiDigit));

    private static string Unescape(string s, bool host)
    {
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '%')
            {
                if (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2]))
                {
                    throw new FormatException($"invalid URL escape {Quote(s.Substring(i, Math.Min(3, s.Length - i)))}");
                }

                var b = Convert.ToByte(s.Substring(i + 1, 2), 16);
                if (host && b < 0x80 && s.Substring(i, 3) != "%25")
                {
                    throw new FormatException($"invalid URL escape {Quote(s.Substring(i, 3))}");
                }

                bytes.Add(b);
                i += 2;
            }
            else if (host && c < 0x80 && !char.IsAsciiLetterOrDigit(c) && !HostExtra.Contains(c))
            {
                throw new FormatException($"invalid character {Quote(c.ToString())} in host name");
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    private static string EscapePath(string path)
    {
        var sb = new StringBuilder(path.Length);
        foreach (var b in Encoding.UTF8.GetBytes(path))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || "-_.~$&+,/:;=@".Contains(c)))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
