using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace AgentGate.Sandbox.Fleet;

/// <summary>
/// Reads a fleet manifest (YAML) and validates it as a whole. Example:
/// <code>
/// fleet: demo
/// parallelism: 4   # optional: agents prepared at once (starts stay spaced by the stagger)
/// defaults: { image: agentgate/sandbox:0.1.0, role: builder, resources: { memory: 512Mi, cpus: "1", pids: "256" } }
/// repos: { api: https://github.com/acme/api.git }
/// agents:
///   - { id: builder-1, lane: auth, owner: sam, task: ISSUE-342, workspace: ./ws/builder-1, repos: [api] }
/// </code>
/// </summary>
public static partial class FleetManifestParser
{
    public static FleetManifestResult ParseFile(string path) =>
        Parse(File.ReadAllText(path), Path.GetDirectoryName(Path.GetFullPath(path))!);

    /// <param name="yaml">The manifest text.</param>
    /// <param name="baseDirectory">Relative workspaces resolve against it (the manifest's folder).</param>
    public static FleetManifestResult Parse(string yaml, string baseDirectory)
    {
        ManifestDocument? doc;
        try
        {
            doc = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build()
                .Deserialize<ManifestDocument>(yaml);
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            return new(null, [$"yaml (line {e.Start.Line}, column {e.Start.Column}): {message}"]);
        }

        var errors = new List<string>();
        if (doc is null)
        {
            return new(null, ["manifest: the document is empty"]);
        }

        var fleet = doc.Fleet ?? "";
        if (!NameRegex().IsMatch(fleet))
        {
            errors.Add($"fleet: '{fleet}' must be 1-32 lowercase letters, digits or '-' and start with a letter or digit");
        }

        int? parallelism = null;
        if (doc.Parallelism is { } p)
        {
            if (int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= FleetOptions.MaxParallelism) parallelism = n;
            else errors.Add($"parallelism: '{p}' must be a whole number between 1 and {FleetOptions.MaxParallelism}");
        }

        var repos = doc.Repos ?? [];
        foreach (var (name, url) in repos)
        {
            if (!NameRegex().IsMatch(name)) errors.Add($"repos.{name}: '{name}' is not a valid repo name");
            if (!Uri.TryCreate(url, UriKind.Absolute, out var u) || (u.Scheme != "https" && u.Scheme != "http"))
                errors.Add($"repos.{name}: '{url}' is not an http(s) URL");
        }

        if (doc.Agents is not { Count: > 0 })
        {
            errors.Add("agents: at least one agent is required");
        }

        var agents = new List<AgentSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var defaults = doc.Defaults ?? new ManifestAgent();
        for (var i = 0; i < (doc.Agents?.Count ?? 0); i++)
        {
            var spec = ValidateAgent($"agents[{i}]", doc.Agents![i] ?? new ManifestAgent(), defaults, repos, baseDirectory, errors);
            if (spec is null) continue;
            if (!seen.Add(spec.Id)) errors.Add($"agents[{i}].id: '{spec.Id}' is used by more than one agent");
            agents.Add(spec);
        }

        return errors.Count > 0 ? new(null, errors) : new(new FleetManifest(fleet, repos, agents) { Parallelism = parallelism }, []);
    }

    private static AgentSpec? ValidateAgent(string at, ManifestAgent a, ManifestAgent d, Dictionary<string, string> repos, string baseDirectory, List<string> errors)
    {
        var before = errors.Count;
        var id = a.Id ?? "";
        if (!IdRegex().IsMatch(id)) errors.Add($"{at}.id: '{id}' must be 1-40 lowercase letters, digits or '-'");
        var role = a.Role ?? d.Role;
        if (string.IsNullOrWhiteSpace(role)) errors.Add($"{at}.role: a role is required (here or in defaults)");
        var image = a.Image ?? d.Image;
        if (string.IsNullOrWhiteSpace(image)) errors.Add($"{at}.image: an image is required (here or in defaults)");
        var workspace = a.Workspace ?? (d.Workspace is { } w ? w.Replace("{id}", id, StringComparison.Ordinal) : null);
        if (string.IsNullOrWhiteSpace(workspace)) errors.Add($"{at}.workspace: a workspace directory is required");
        var agentRepos = a.Repos ?? d.Repos ?? [];
        foreach (var r in agentRepos.Where(r => !repos.ContainsKey(r)))
            errors.Add($"{at}.repos: '{r}' is not declared under repos");

        var resources = ParseResources($"{at}.resources", a.Resources, d.Resources, errors);
        if (errors.Count > before) return null;
        return new AgentSpec
        {
            Id = id,
            Role = role!,
            Lane = a.Lane ?? d.Lane ?? "",
            Owner = a.Owner ?? d.Owner ?? "",
            Task = a.Task ?? d.Task ?? "",
            Image = image!,
            Command = a.Command ?? d.Command ?? [],
            Workspace = Path.GetFullPath(workspace!, baseDirectory),
            Resources = resources!,
            Repos = agentRepos,
        };
    }

    private static AgentResources? ParseResources(string at, ManifestResources? r, ManifestResources? d, List<string> errors)
    {
        var def = AgentResources.Default;
        var memoryText = r?.Memory ?? d?.Memory;
        var cpusText = r?.Cpus ?? d?.Cpus;
        var pidsText = r?.Pids ?? d?.Pids;
        var memory = memoryText is null ? def.MemoryBytes : ParseSize(memoryText);
        if (memory is null or < 6 * 1024 * 1024)
            errors.Add($"{at}.memory: '{memoryText}' is not a size of at least 6Mi (e.g. 512Mi, 2Gi)");
        double cpus = def.Cpus;
        if (cpusText is not null && (!double.TryParse(cpusText, NumberStyles.Float, CultureInfo.InvariantCulture, out cpus) || cpus <= 0 || cpus > 64))
            errors.Add($"{at}.cpus: '{cpusText}' must be a number of CPUs between 0 and 64 (e.g. 0.5)");
        long pids = def.Pids;
        if (pidsText is not null && (!long.TryParse(pidsText, NumberStyles.None, CultureInfo.InvariantCulture, out pids) || pids < 8 || pids > 65536))
            errors.Add($"{at}.pids: '{pidsText}' must be a whole number between 8 and 65536");
        return memory is null ? null : new AgentResources(memory.Value, cpus, pids);
    }

    /// <summary>Parses 512Mi, 2Gi, 256M, 1G, 64k or a byte count.</summary>
    public static long? ParseSize(string text)
    {
        var m = SizeRegex().Match(text.Trim());
        if (!m.Success || !long.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
        long unit = m.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1,
            "K" or "KI" or "KB" => 1024,
            "M" or "MI" or "MB" => 1024 * 1024,
            "G" or "GI" or "GB" => 1024L * 1024 * 1024,
            _ => 0,
        };
        return unit == 0 || n > long.MaxValue / unit ? null : n * unit;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex NameRegex();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex IdRegex();

    [GeneratedRegex("^([0-9]+)([A-Za-z]{0,2})$")]
    private static partial Regex SizeRegex();
}
