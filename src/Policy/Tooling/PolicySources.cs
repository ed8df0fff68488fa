using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tooling;

/// <summary>
/// Rego modules and a merged data document loaded from files and directories, as <c>opa</c> loads them:
/// .rego files are modules; a .json file's object is merged at the root when given directly, or at the
/// directory path relative to a given directory (so <c>dir/a/b/data.json</c> lands at <c>data.a.b</c>).
/// </summary>
public sealed class PolicySources
{
    private PolicySources(List<KeyValuePair<string, string>> modules, Value data, List<string> errors)
    {
        Modules = modules;
        Data = data;
        Errors = errors;
    }

    public IReadOnlyList<KeyValuePair<string, string>> Modules { get; }

    public Value Data { get; }

    public IReadOnlyList<string> Errors { get; }

    public static PolicySources Load(IEnumerable<string> paths)
    {
        var modules = new List<KeyValuePair<string, string>>();
        var errors = new List<string>();
        Value data = ObjectValue.Empty;
        foreach (var p in paths)
        {
            if (Directory.Exists(p))
            {
                foreach (var f in Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var dir = Path.GetRelativePath(p, Path.GetDirectoryName(f)!);
                    var prefix = dir == "." ? [] : dir.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
                    data = LoadFile(f, prefix, modules, errors, data);
                }
            }
            else if (File.Exists(p))
            {
                data = LoadFile(p, [], modules, errors, data);
            }
            else
            {
                errors.Add($"{p}: no such file or directory");
            }
        }

        return new PolicySources(modules, data, errors);
    }

    /// <summary>Loads in-memory files keyed by their bundle-relative path ('/'-separated), as a directory would load.</summary>
    public static PolicySources FromFiles(IEnumerable<KeyValuePair<string, string>> files)
    {
        var modules = new List<KeyValuePair<string, string>>();
        var errors = new List<string>();
        Value data = ObjectValue.Empty;
        foreach (var (path, content) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var slash = path.LastIndexOf('/');
            string[] prefix = slash < 0 ? [] : path[..slash].Split('/', StringSplitOptions.RemoveEmptyEntries);
            data = Add(path, () => content, prefix, modules, errors, data);
        }

        return new PolicySources(modules, data, errors);
    }

    private static Value LoadFile(string file, string[] prefix, List<KeyValuePair<string, string>> modules, List<string> errors, Value data) =>
        Add(file, () => File.ReadAllText(file), prefix, modules, errors, data);

    private static Value Add(string name, Func<string> read, string[] prefix, List<KeyValuePair<string, string>> modules, List<string> errors, Value data)
    {
        if (name.EndsWith(".rego", StringComparison.OrdinalIgnoreCase))
        {
            modules.Add(new(name, read()));
            return data;
        }

        if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return data;
        }

        Value doc;
        try
        {
            doc = ValueJson.Parse(read());
        }
        catch (FormatException ex)
        {
            errors.Add($"{name}: {ex.Message}");
            return data;
        }

        for (var i = prefix.Length - 1; i >= 0; i--)
        {
            doc = ObjectValue.From([new(StringValue.From(prefix[i]), doc)]);
        }

        if (doc is not ObjectValue)
        {
            errors.Add($"{name}: data must be a JSON object");
            return data;
        }

        return Merge(data, doc);
    }

    internal static Value Merge(Value a, Value b)
    {
        if (a is not ObjectValue oa || b is not ObjectValue ob)
        {
            return b;
        }

        var result = oa;
        foreach (var (k, v) in ob.Pairs)
        {
            result = result.With(k, result.Get(k) is { } existing ? Merge(existing, v) : v);
        }

        return result;
    }
}
