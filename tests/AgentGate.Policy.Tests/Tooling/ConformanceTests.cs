using AgentGate.Policy.Tooling;
using Xunit.Abstractions;

namespace AgentGate.Policy.Tests.Tooling;

public sealed class ConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Run_OpaConformanceCorpus_PassedAtLeastFloor()
    {
        var dir = FindCorpus();
        Assert.True(dir is not null, "shared/opa-conformance not found beside the repository");
        var groups = Environment.GetEnvironmentVariable("AGENTGATE_CONFORMANCE_GROUPS")?
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var runner = new ConformanceRunner { Groups = groups };
        var report = runner.Run(dir!);
        var filtered = groups is { Length: > 0 };
        output.WriteLine(report.ToText(includeFailures: filtered));
        var outPath = Environment.GetEnvironmentVariable("AGENTGATE_CONFORMANCE_JSON");
        if (!string.IsNullOrEmpty(outPath))
        {
            File.WriteAllText(outPath, report.ToJson());
        }

        var mdPath = Environment.GetEnvironmentVariable("AGENTGATE_CONFORMANCE_MD");
        if (!string.IsNullOrEmpty(mdPath))
        {
            File.WriteAllText(mdPath, report.ToMarkdown());
        }

        if (!filtered)
        {
            var floor = int.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "conformance-floor.txt")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(report.Passed >= floor, $"passed {report.Passed} is below the floor {floor}");
        }
    }

    internal static string? FindCorpus()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "opa-conformance");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
