using System.Text;

namespace AgentGate.Gateway.Guards.Paths;

/// <summary>
/// Pure, lexical normalisation of paths named by file actions. It never touches the file system, so symlinks
/// inside the workspace are the sandbox's concern; this only guarantees the name itself cannot leave the root.
/// </summary>
internal static class WorkspacePath
{
    public const int MaxLength = 4096;

    /// <summary>
    /// Normalises <paramref name="path"/> (absolute, or relative to <paramref name="cwd"/> or the root) and returns it
    /// relative to <paramref name="workspaceRoot"/>; "." is the root itself.
    /// </summary>
    public static PathCheck Normalise(string path, string workspaceRoot, string? cwd = null)
    {
        if (string.IsNullOrEmpty(path))
        {
            return PathCheck.Deny("path is empty");
        }

        if (path.Length > MaxLength)
        {
            return PathCheck.Deny($"path is longer than {MaxLength} characters");
        }

        if (HasControl(path) || (cwd is not null && HasControl(cwd)))
        {
            return PathCheck.Deny("path contains NUL or control characters");
        }

        var rootParts = Split(workspaceRoot);
        if (rootParts is null || !IsAbsolute(workspaceRoot))
        {
            return PathCheck.Deny("workspace root must be an absolute path without '..'");
        }

        var candidate = path.Replace('\\', '/');
        if (!IsAbsolute(candidate))
        {
            var baseDir = cwd is null ? workspaceRoot : cwd.Replace('\\', '/');
            if (!IsAbsolute(baseDir))
            {
                baseDir = workspaceRoot.TrimEnd('/') + "/" + baseDir;
            }

            candidate = baseDir.TrimEnd('/') + "/" + candidate;
        }

        var parts = Resolve(candidate);
        if (parts is null)
        {
            return PathCheck.Deny($"path '{Printable(path)}' escapes the filesystem root with '..'");
        }

        if (parts.Count < rootParts.Count || !StartsWith(parts, rootParts))
        {
            return PathCheck.Deny($"path '{Printable(path)}' is outside the workspace");
        }

        if (parts.Count == rootParts.Count)
        {
            return PathCheck.Ok(".");
        }

        return PathCheck.Ok(string.Join('/', parts.Skip(rootParts.Count)));
    }

    private static bool IsAbsolute(string p) => p.StartsWith('/') || p.StartsWith('\\') || (p.Length >= 2 && p[1] == ':');

    private static bool HasControl(string s)
    {
        foreach (var c in s)
        {
            if (char.IsControl(c) || c == '\u2028' || c == '\u2029')
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWith(List<string> parts, List<string> prefix)
    {
        for (var i = 0; i < prefix.Count; i++)
        {
            if (!string.Equals(parts[i], prefix[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static List<string>? Split(string root) => Resolve(root.Replace('\\', '/'));

    /// <summary>Resolves '.', '..' and duplicate separators; null when '..' climbs above '/'.</summary>
    private static List<string>? Resolve(string absolute)
    {
        var stack = new List<string>();
        var s = absolute;
        if (s.Length >= 2 && s[1] == ':')
        {
            // A drive letter is kept as the first component so C:/x never equals /x.
            stack.Add(s[..2].ToUpperInvariant());
            s = s[2..];
        }

        var baseDepth = stack.Count;
        foreach (var part in s.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (stack.Count == baseDepth)
                {
                    return null;
                }

                stack.RemoveAt(stack.Count - 1);
                continue;
            }

            stack.Add(part);
        }

        return stack;
    }

    private static string Printable(string s)
    {
        var sb = new StringBuilder(Math.Min(s.Length, 200));
        foreach (var c in s.AsSpan(0, Math.Min(s.Length, 200)))
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }

        return sb.ToString();
    }
}
