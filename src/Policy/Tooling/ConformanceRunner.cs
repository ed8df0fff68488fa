using System.Text.Json;
using AgentGate.Policy.Values;

namespace AgentGate.Policy.Tooling;

/// <summary>
/// Runs OPA conformance case files (<c>{"cases":[…]}</c>) found under a directory; each case is bounded in time.
/// </summary>
public sealed class ConformanceRunner
{
    private static readonly (string Needle, string Reason)[] Unrunnable =
    [
        ("net.lookup_ip_addr", "needs DNS (net.lookup_ip_addr)"),
    ];

    public TimeSpan CaseTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Restricts the run to these groups (folder names); null or empty runs all.</summary>
    public IReadOnlyCollection<string>? Groups { get; init; }

    public ConformanceReport Run(string directory, CancellationToken cancellationToken = default)
    {
        var results = new List<ConformanceCaseResult>();
        var root = Path.GetFullPath(directory);
        foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (rel == "index.json")
            {
                continue;
            }

            var group = Path.GetFileName(Path.GetDirectoryName(file)) ?? string.Empty;
            if (Groups is { Count: > 0 } && !Groups.Contains(group))
            {
                continue;
            }

            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { MaxDepth = 512 });
            }
            catch (JsonException ex)
            {
                results.Add(new ConformanceCaseResult(rel, group, ConformanceOutcome.Failed, "invalid case file: " + ex.Message));
                continue;
            }

            using (doc)
            {
                if (!doc.RootElement.TryGetProperty("cases", out var cases))
                {
                    continue;
                }

                var i = 0;
                foreach (var c in cases.EnumerateArray())
                {
                    var id = $"{rel}#{i++}";
                    results.Add(RunBounded(id, group, c.Clone()));
                }
            }
        }

        return new ConformanceReport(results);
    }

    private ConformanceCaseResult RunBounded(string id, string group, JsonElement c)
    {
        var task = Task.Run(() =>
        {
            try
            {
                return RunCase(id, group, c);
            }
            catch (Exception ex)
            {
                return new ConformanceCaseResult(id, group, ConformanceOutcome.Failed, "crash: " + ex.GetType().Name + ": " + ex.Message);
            }
        });
        if (!task.Wait(CaseTimeout))
        {
            return new ConformanceCaseResult(id, group, ConformanceOutcome.Failed, $"timed out after {CaseTimeout.TotalSeconds}s");
        }

        return task.Result;
    }

    internal ConformanceCaseResult RunCase(string id, string group, JsonElement c)
    {
        ConformanceCaseResult Fail(string reason) => new(id, group, ConformanceOutcome.Failed, reason);
        var query = c.GetProperty("query").GetString() ?? string.Empty;
        var modules = new List<KeyValuePair<string, string>>();
        if (c.TryGetProperty("modules", out var mods))
        {
            var n = 0;
            foreach (var m in mods.EnumerateArray())
            {
                modules.Add(new($"test-{n++}.rego", m.GetString() ?? string.Empty));
            }
        }

        foreach (var (needle, reason) in Unrunnable)
        {
            if (query.Contains(needle, StringComparison.Ordinal) || modules.Any(m => m.Value.Contains(needle, StringComparison.Ordinal)))
            {
                return new ConformanceCaseResult(id, group, ConformanceOutcome.Skipped, reason);
            }
        }

        // http.send is declared but disabled: only cases that mock it can run.
        var sources = modules.Select(m => m.Value).Append(query).ToList();
        if (sources.Any(s => s.Contains("http.send", StringComparison.Ordinal)) && !sources.Any(s => s.Contains("with http.send as", StringComparison.Ordinal)))
        {
            return new ConformanceCaseResult(id, group, ConformanceOutcome.Skipped, "needs http.send (network)");
        }

        var data = c.TryGetProperty("data", out var d) ? ValueJson.FromJsonElement(d) : ObjectValue.Empty;
        Value? input = c.TryGetProperty("input", out var inp) ? ValueJson.FromJsonElement(inp) : null;
        var strict = c.TryGetProperty("strict_error", out var se) && se.ValueKind == JsonValueKind.True;
        var options = new PolicyOptions { StrictBuiltinErrors = strict, Timeout = CaseTimeout };
        if (c.TryGetProperty("input_term", out var it) && it.GetString() is { } term)
        {
            var helper = PolicyBundle.Compile([], null, options).Bundle!;
            var r = helper.Evaluate("__input__ = " + term, null);
            if (r.Error is not null || r.Rows.Count == 0)
            {
                return Fail("cannot evaluate input_term: " + r.Error);
            }

            input = r.Rows[0]["__input__"];
        }

        var compiled = PolicyBundle.Compile(modules, data, options);
        PolicyResult result;
        if (!compiled.Success)
        {
            result = PolicyResult.Failure(new PolicyError(compiled.Errors[0].Code, string.Join("; ", compiled.Errors.Select(e => e.Message))));
        }
        else
        {
            result = compiled.Bundle!.Evaluate(query, input, new QueryOptions { Now = DateTimeOffset.UtcNow }, CancellationToken.None);
        }

        var wantCode = c.TryGetProperty("want_error_code", out var wc) ? wc.GetString() : null;
        var wantError = c.TryGetProperty("want_error", out var we) ? we.GetString() : null;
        if (wantCode is not null || wantError is not null)
        {
            if (result.Error is null)
            {
                return Fail($"expected error {wantCode} \"{wantError}\" but got {RowsText(result)}");
            }

            if (wantCode is not null && result.Error.Code != wantCode)
            {
                return Fail($"expected error code {wantCode} but got {result.Error}");
            }

            if (wantError is not null && !result.Error.Message.Contains(wantError, StringComparison.Ordinal))
            {
                return Fail($"expected error text \"{wantError}\" but got {result.Error}");
            }

            return new ConformanceCaseResult(id, group, ConformanceOutcome.Passed, null);
        }

        if (result.Error is not null)
        {
            return Fail("unexpected error: " + result.Error);
        }

        if (!c.TryGetProperty("want_result", out var want))
        {
            return new ConformanceCaseResult(id, group, ConformanceOutcome.Passed, null);
        }

        var sort = c.TryGetProperty("sort_bindings", out var sb) && sb.ValueKind == JsonValueKind.True;
        var wantRows = new HashSet<Value>();
        foreach (var row in want.EnumerateArray())
        {
            wantRows.Add(Normalize(ValueJson.FromJsonElement(row), sort));
        }

        var gotRows = new HashSet<Value>();
        foreach (var row in result.Rows)
        {
            var o = ObjectValue.From(row.Select(p => new KeyValuePair<Value, Value>(StringValue.From(p.Key), p.Value)));
            gotRows.Add(Normalize(ValueJson.Parse(ValueJson.Serialize(o)), sort));
        }

        return wantRows.SetEquals(gotRows)
            ? new ConformanceCaseResult(id, group, ConformanceOutcome.Passed, null)
            : Fail($"want {ValueJson.Serialize(SetValue.From(wantRows))} got {ValueJson.Serialize(SetValue.From(gotRows))}");
    }

    private static Value Normalize(Value row, bool sort)
    {
        if (!sort || row is not ObjectValue o)
        {
            return row;
        }

        return ObjectValue.From(o.Pairs.Select(p => new KeyValuePair<Value, Value>(
            p.Key,
            p.Value is ArrayValue a ? ArrayValue.From(a.Items.Order()) : p.Value)));
    }

    private static string RowsText(PolicyResult r) =>
        r.Rows.Count == 0 ? "undefined" : string.Join(", ", r.Rows.Select(row => ValueJson.Serialize(ObjectValue.From(row.Select(p => new KeyValuePair<Value, Value>(StringValue.From(p.Key), p.Value))))));
}
