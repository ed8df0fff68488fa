using System.Text.Json;
using System.Text.RegularExpressions;
using AgentGate.Policy.Builtins;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tests.Builtins.Core;

/// <summary>
/// Runs the OPA conformance cases of this folder's groups whose module is a single rule around one builtin call
/// with constant operands (<c>p := x if { f(a, b, x) }</c>, <c>p contains x if { … }</c>, <c>p if { f(a) }</c>),
/// calling the builtin directly — no evaluator needed.
/// </summary>
internal static partial class ConformanceDirectCalls
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

    [GeneratedRegex(@"^\s*(?:package [\w.]+\s+)?p\s*(:=|=|contains)?\s*(\w+)?\s*if\s*\{\s*([\w.]+)\((.*)\)\s*\}\s*$", RegexOptions.Singleline)]
    private static partial Regex RuleShape();

    public record Case(string Id, string Kind, string Builtin, Value[] Args, JsonElement Raw);

    public static IEnumerable<Case> Load()
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
                    if (TryShape(id, c) is { } parsed)
                    {
                        yield return parsed;
                    }
                }
            }
        }
    }

    private static Case? TryShape(string id, JsonElement c)
    {
        if (c.GetProperty("query").GetString() != "data.generated.p = x" && c.GetProperty("query").GetString() != "data.test.p = x")
        {
            return null;
        }

        if (c.TryGetProperty("input", out _) || c.TryGetProperty("input_term", out _) || c.GetProperty("modules").GetArrayLength() != 1)
        {
            return null;
        }

        if (c.TryGetProperty("data", out var data) && data.EnumerateObject().Any())
        {
            return null;
        }

        var m = RuleShape().Match(c.GetProperty("modules")[0].GetString()!);
        if (!m.Success)
        {
            return null;
        }

        var op = m.Groups[1].Value;
        var outVar = m.Groups[2].Value;
        var args = SplitArgs(m.Groups[4].Value);
        if (args is null || !BuiltinTable.Default.TryGet(m.Groups[3].Value, out var def))
        {
            return null;
        }

        string kind;
        if (op.Length == 0 && outVar.Length == 0)
        {
            if (args.Count > 0 && IsVar(args[^1]))
            {
                return null;
            }

            kind = args.Count == def.Arity + 1 ? "compare" : "truthy";
        }
        else if (args.Count == def.Arity + 1 && args[^1] == outVar)
        {
            kind = op == "contains" ? "set" : "value";
            args.RemoveAt(args.Count - 1);
        }
        else
        {
            return null;
        }

        try
        {
            var values = args.Select(a => TermText.Parse(a.StartsWith('`') ? JsonSerializer.Serialize(a.Trim('`')) : a)).ToArray();
            return values.Length is var n && (n == def.Arity || (kind == "compare" && n == def.Arity + 1))
                ? new Case(id, kind, def.Name, values, c.Clone())
                : null;
        }
        catch (Exception ex) when (ex is FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static bool IsVar(string p) => Regex.IsMatch(p, @"^[a-zA-Z_][\w.]*$") && p is not ("true" or "false" or "null");

    private static List<string>? SplitArgs(string s)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        var inString = false;
        for (var i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (inString)
            {
                if (ch == '\\')
                {
                    i++;
                }
                else if (ch == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (ch)
            {
                case '"': inString = true; break;
                case '[' or '{' or '(': depth++; break;
                case ']' or '}' or ')': depth--; break;
                case ',' when depth == 0:
                    parts.Add(s[start..i].Trim());
                    start = i + 1;
                    break;
                case '\n' when depth == 0:
                    return null;
            }
        }

        parts.Add(s[start..].Trim());
        if (parts.Count == 1 && parts[0].Length == 0)
        {
            return [];
        }

        for (var k = 0; k < parts.Count - 1; k++)
        {
            if (IsVar(parts[k]))
            {
                return null;
            }
        }

        return parts;
    }
}
