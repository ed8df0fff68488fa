using System.Security.Cryptography;
using System.Text;

namespace AgentGate.Gateway.Enforcement;

/// <summary>
/// The files of a policy bundle: Rego modules and JSON data documents, keyed by their path relative
/// to the bundle root (forward slashes). Read from a directory, or from the bundle embedded in the
/// executable. The revision is a hash of every file's path and content, so it names exactly what decided.
/// </summary>
internal sealed record PolicySource(string Origin, IReadOnlyDictionary<string, string> Files)
{
    private const string EmbeddedPrefix = "policies/";

    public string Revision { get; } = ComputeRevision(Files);

    public static PolicySource FromDirectory(string root)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            if (!IsBundleFile(file))
            {
                continue;
            }

            var relative = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part.StartsWith('.')))
            {
                continue;
            }

            files[relative] = File.ReadAllText(file);
        }

        return new PolicySource(root, files);
    }

    public static PolicySource Embedded()
    {
        var assembly = typeof(PolicySource).Assembly;
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(EmbeddedPrefix, StringComparison.Ordinal) || !IsBundleFile(name))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files[name[EmbeddedPrefix.Length..]] = reader.ReadToEnd();
        }

        return new PolicySource("embedded", files);
    }

    public static bool IsBundleFile(string path) =>
        path.EndsWith(".rego", StringComparison.Ordinal) || path.EndsWith(".json", StringComparison.Ordinal);

    private static string ComputeRevision(IReadOnlyDictionary<string, string> files)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(content));
            hash.AppendData([0]);
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
