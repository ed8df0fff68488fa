using System.Text.Json;

namespace AgentGate.Policy.Tests.Builtins.Core;

/// <summary>
/// Loads the OPA conformance cases of this folder's groups that <see cref="MiniRego"/> can evaluate (single rules
/// around builtin calls), so the builtins are checked against OPA's expected results without the evaluator.
/// </summary>
internal static class ConformanceDirectCalls
{
    internal const string Root = "/work/shared/opa-conformance/v1";

    internal static readonly string[] Groups =
    [
        "strings", "units", "aggregates", "arithmetic", "array", "casts", "globmatch", "globquotemeta", "jsonremove",
        "jsonpatch", "jsonfilteridempotent", "objectremove", "objectremoveidempotent", "objectremovenonstringkey",
        "objectunion", "objectunionn", "objectfilteridempotent", "regexfind", "regexfindallstringsubmatch",
        "regexisvalid", "regexmatchtemplate", "sets", "subset", "trim", "trimleft", "trimright", "trimsuffix", "type",
        "typenamebuiltin", "union", "bitsand", "bitsnegate", "bitsshiftleft", "bitsshiftright", "bitsxor",
        "numbersrangestep", "base64urlbuiltins", "urlbuiltins", "sprintf",
    ];

    public sealed record Case(string Id, MiniRego.Rule Rule, JsonElement Raw);

    private static readonly Lazy<List<Case>> All = new(() => [.. Read()]);

    public static IReadOnlyList<Case> Load() => All.Value;

    private static IEnumerable<Case> Read()
    {
        foreach (var group in Groups)
        {
            var dir = Path.Combine(Root, group);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                var i = 0;
                foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
                {
                    var id = $"{group}/{Path.GetFileName(file)}#{i++}";
                    var query = c.GetProperty("query").GetString();
                    if (query is not ("data.generated.p = x" or "data.test.p = x") || c.GetProperty("modules").GetArrayLength() != 1)
                    {
                        continue;
                    }

                    if (MiniRego.TryParse(c.GetProperty("modules")[0].GetString()!, c) is { } rule)
                    {
                        yield return new Case(id, rule, c.Clone());
                    }
                }
            }
        }
    }
}
