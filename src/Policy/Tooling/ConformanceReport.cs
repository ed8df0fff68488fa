using System.Text;
using System.Text.Json;

namespace AgentGate.Policy.Tooling;

/// <summary>Totals per group and overall, with every non-passing case and its reason.</summary>
public sealed class ConformanceReport
{
    public ConformanceReport(IReadOnlyList<ConformanceCaseResult> cases) => Cases = cases;

    public IReadOnlyList<ConformanceCaseResult> Cases { get; }

    public int Passed => Cases.Count(c => c.Outcome == ConformanceOutcome.Passed);

    public int Failed => Cases.Count(c => c.Outcome == ConformanceOutcome.Failed);

    public int Skipped => Cases.Count(c => c.Outcome == ConformanceOutcome.Skipped);

    public IEnumerable<ConformanceCaseResult> Failures => Cases.Where(c => c.Outcome == ConformanceOutcome.Failed);

    public SortedDictionary<string, (int Passed, int Failed, int Skipped)> Groups()
    {
        var d = new SortedDictionary<string, (int, int, int)>(StringComparer.Ordinal);
        foreach (var c in Cases)
        {
            d.TryGetValue(c.Group, out var t);
            d[c.Group] = c.Outcome switch
            {
                ConformanceOutcome.Passed => (t.Item1 + 1, t.Item2, t.Item3),
                ConformanceOutcome.Failed => (t.Item1, t.Item2 + 1, t.Item3),
                _ => (t.Item1, t.Item2, t.Item3 + 1),
            };
        }

        return d;
    }

    /// <summary>The <c>--json</c> object: passed, failed, skipped, groups, failures.</summary>
    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("passed", Passed);
            w.WriteNumber("failed", Failed);
            w.WriteNumber("skipped", Skipped);
            w.WriteStartObject("groups");
            foreach (var (g, t) in Groups())
            {
                w.WriteStartObject(g);
                w.WriteNumber("passed", t.Passed);
                w.WriteNumber("failed", t.Failed);
                w.WriteNumber("skipped", t.Skipped);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteStartArray("failures");
            foreach (var f in Cases.Where(c => c.Outcome != ConformanceOutcome.Passed))
            {
                w.WriteStartObject();
                w.WriteString("case", f.Case);
                w.WriteString("reason", (f.Outcome == ConformanceOutcome.Skipped ? "skipped: " : string.Empty) + f.Reason);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>A human-readable summary: totals, per-group table, failures.</summary>
    public string ToText(bool includeFailures = true)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"passed {Passed}, failed {Failed}, skipped {Skipped} (total {Cases.Count})");
        foreach (var (g, t) in Groups())
        {
            sb.AppendLine($"  {g,-28} passed {t.Passed,4}  failed {t.Failed,4}  skipped {t.Skipped,4}");
        }

        if (includeFailures)
        {
            foreach (var f in Cases.Where(c => c.Outcome != ConformanceOutcome.Passed))
            {
                sb.AppendLine($"{(f.Outcome == ConformanceOutcome.Failed ? "FAIL" : "SKIP")} {f.Case}: {f.Reason}");
            }
        }

        return sb.ToString();
    }

    /// <summary>A Markdown report (docs/conformance.md): totals, per-group table, every non-passing case with its reason.</summary>
    public string ToMarkdown(string title = "OPA conformance")
    {
        var sb = new StringBuilder();
        sb.AppendLine($"# {title}").AppendLine();
        sb.AppendLine($"Passed **{Passed}**, failed **{Failed}**, skipped **{Skipped}** of {Cases.Count} cases.").AppendLine();
        sb.AppendLine("| group | passed | failed | skipped |").AppendLine("|---|---:|---:|---:|");
        foreach (var (g, t) in Groups())
        {
            sb.AppendLine($"| {g} | {t.Passed} | {t.Failed} | {t.Skipped} |");
        }

        sb.AppendLine().AppendLine("## Cases not passing").AppendLine();
        foreach (var f in Cases.Where(c => c.Outcome != ConformanceOutcome.Passed))
        {
            var reason = (f.Reason ?? string.Empty).Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
            sb.AppendLine($"- `{f.Case}` ({(f.Outcome == ConformanceOutcome.Failed ? "failed" : "skipped")}): {reason}");
        }

        return sb.ToString();
    }
}
