namespace AgentGate.Gateway.Tests.Enforcement;

/// <summary>A temporary copy of the repository's shipped bundle that a test may edit.</summary>
internal sealed class PolicyDirectory : IDisposable
{
    public PolicyDirectory()
    {
        Path = Directory.CreateTempSubdirectory("agentgate-policy-").FullName;
        var source = FindShippedBundle();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(Path, System.IO.Path.GetRelativePath(source, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Path { get; }

    public void Write(string relative, string content) => File.WriteAllText(System.IO.Path.Combine(Path, relative), content);

    public string Read(string relative) => File.ReadAllText(System.IO.Path.Combine(Path, relative));

    public void Dispose() => Directory.Delete(Path, recursive: true);

    public static string FindShippedBundle()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "policies");
            if (Directory.Exists(System.IO.Path.Combine(candidate, "agentgate")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("the repository's policies/ directory was not found above " + AppContext.BaseDirectory);
    }
}
